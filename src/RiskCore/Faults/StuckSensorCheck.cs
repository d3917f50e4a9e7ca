using System.Globalization;
using SafetyLedger.RiskCore.Explanations;
using SafetyLedger.RiskCore.Fusion;
using SafetyLedger.RiskCore.Readings;

namespace SafetyLedger.RiskCore.Faults;

/// <summary>
/// Flags a sensor whose normally changing signal has frozen on one value: the sensor can no longer see
/// the process (a stuck gas sensor cannot see a leak). A data-quality finding at Yellow; it is never
/// counted as a second detector corroborating a process alarm (<see cref="RiskFusion"/>).
/// </summary>
public sealed class StuckSensorCheck(StuckSensorOptions options)
{
    /// <summary>Detector family of sensor faults.</summary>
    public const string Family = "sensor-fault";

    public const string DetectorName = Family + "/stuck";

    /// <summary>Advances the sensor's state; returns a finding while the sensor is stuck, otherwise null.</summary>
    public DetectorFinding? Update(Reading reading, ref StuckState state)
    {
        ArgumentNullException.ThrowIfNull(reading);
        var value = reading.Value;
        if (state.Readings == 0)
        {
            state = new StuckState(value, 0, 1, 0, value, value);
            return null;
        }

        if (!value.Equals(state.Last))
        {
            var changes = state.Repeats < options.RepeatsToFlag ? state.Changes + 1 : state.Changes;
            state = new StuckState(value, 0, state.Readings + 1, changes, Math.Min(state.Low, value), Math.Max(state.High, value));
            return null;
        }

        var repeats = state.Repeats + 1;
        var readings = repeats < options.RepeatsToFlag ? state.Readings + 1 : state.Readings;
        state = state with { Repeats = repeats, Readings = readings };
        var changeRate = (double)state.Changes / state.Readings;
        if (repeats < options.RepeatsToFlag || state.Readings < options.MinimumHistory || changeRate < options.MinimumChangeRate)
        {
            return null;
        }

        var reason = string.Create(
            CultureInfo.InvariantCulture,
            $"stuck: the same value for {repeats} readings in a row; it changed on {changeRate:P0} of its readings before (sensor fault, the sensor cannot see the process)");
        return new DetectorFinding(
            DetectorName,
            RiskLevel.Yellow,
            options.Confidence,
            (double)repeats / options.RepeatsToFlag,
            reading.Time,
            new Explanation(
                string.Create(CultureInfo.InvariantCulture, $"{reading.SensorId}: stuck at {value} for {repeats} readings"),
                [new SensorContribution(reading.SensorId, value, state.Low, state.High, 1.0, reason)]));
    }
}
