using SafetyLedger.Ingestion.Registry;

namespace SafetyLedger.Ingestion.Simulation;

/// <summary>
/// Realistic signals: a baseline with diurnal drift and noise per sensor kind, normal until
/// <see cref="SimulationOptions.FailureAfter"/>, then the scenario's failure on one sensor
/// (<see cref="AffectedKind"/>), developing over <see cref="SimulationOptions.FailureRamp"/>: a leak
/// that grows, vibration that grows as a bearing wears, a value that stops changing, a gap.
/// </summary>
public sealed class SignalModel(SimulationOptions options)
{
    private readonly Random random = new(options.Seed);
    private double? frozen;

    /// <summary>The kind of sensor the scenario's failure shows on (its first sensor of that kind is the affected one); null when no sensor fails.</summary>
    public static SensorKind? AffectedKind(Scenario scenario) => scenario switch
    {
        Scenario.BearingWear => SensorKind.Vibration,
        Scenario.GasLeak or Scenario.StuckSensor or Scenario.Dropout => SensorKind.ToxicGas,
        _ => null,
    };

    /// <summary>The value of <paramref name="sensor"/> at <paramref name="elapsed"/>, or null when the sensor is silent.</summary>
    public double? Value(SensorRegistration sensor, bool affected, DateTimeOffset at, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        var diurnal = Math.Sin(2 * Math.PI * at.TimeOfDay.TotalHours / 24);
        var noise = Gaussian();
        var value = sensor.Kind switch
        {
            SensorKind.ToxicGas => 1.5 + (0.5 * diurnal) + (0.2 * noise),
            SensorKind.FlammableGas => 2 + (1 * diurnal) + (0.3 * noise),
            SensorKind.Vibration => 2.2 + (0.1 * diurnal) + (0.15 * noise),
            _ => 25 + (5 * diurnal) + (0.3 * noise),
        };
        value = Math.Round(Math.Max(0, value), 3);
        var failing = affected && elapsed >= options.FailureAfter;
        if (!failing)
        {
            return value;
        }

        var progress = Math.Clamp((elapsed - options.FailureAfter) / options.FailureRamp, 0, 1.5);
        return options.Scenario switch
        {
            Scenario.GasLeak => Math.Round(value + (30 * progress * progress), 3),
            Scenario.BearingWear => Math.Round(value * (1 + (4 * Math.Pow(progress, 3))), 3),
            Scenario.StuckSensor => frozen ??= value,
            Scenario.Dropout when progress < 1 => null,
            _ => value,
        };
    }

    private double Gaussian()
    {
        var u1 = 1.0 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }
}
