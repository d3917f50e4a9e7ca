using System.Globalization;
using SafetyLedger.RiskCore.Explanations;
using SafetyLedger.RiskCore.Fusion;
using SafetyLedger.RiskCore.Readings;
using SafetyLedger.RiskCore.Rules;

namespace SafetyLedger.RiskCore.Drift;

/// <summary>
/// Change and drift on one sensor: a learned baseline (level + hour-of-day offset, i.e. the daily
/// cycle) (interpolated between half-hour bin centres) gives a residual; a warm-up of at least a day learns
/// the mean, the per-hour means and the spread; a robust z-score (residual ÷ 1.25 × mean absolute deviation) feeds a
/// two-sided CUSUM and a spike test; a Holt (level + trend) smoother of the value estimates the rate of change and when a rule threshold
/// will be crossed. The baseline level stops learning while the CUSUM is past half its limit, so a
/// slow ramp is not absorbed (a lasting level shift therefore stays in alarm until the sensor is re-baselined). Findings are Yellow (early warning).
/// </summary>
public sealed class DriftTracker(DriftOptions options)
{
    public const string DetectorName = "drift";
    private const double MadToSigma = 1.2533;

    public DetectorFinding? Update(Reading reading, DriftState state, RuleLimits? limits)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(state);
        var (bin, fraction) = Position(reading.Time);
        var value = reading.Value;
        state.Count++;
        if (state.Count == 1)
        {
            state.Smoothed = value;
            state.FirstTime = reading.Time;
        }
        else
        {
            UpdateSlope(state, reading);
        }

        if (state.Count <= options.WarmupSamples || reading.Time - state.FirstTime < options.WarmupDuration)
        {
            WarmUp(state, value, bin, fraction);
            Remember(state, reading);
            return null;
        }

        if (!state.Baselined)
        {
            Baseline(state);
        }

        var residual = value - state.Level - Offset(state, bin, fraction);
        var sigma = Math.Max(state.Scale * MadToSigma, 1e-9 + (1e-6 * Math.Abs(state.Level)));
        var z = residual / sigma;
        state.CusumHigh = Math.Max(0, state.CusumHigh + z - options.CusumAllowance);
        state.CusumLow = Math.Max(0, state.CusumLow - z - options.CusumAllowance);
        var cusum = Math.Max(state.CusumHigh, state.CusumLow);
        if (cusum < options.CusumLimit / 2)
        {
            Learn(state, residual, sigma, bin, fraction);
        }

        Remember(state, reading);
        var score = Math.Max(cusum / options.CusumLimit, Math.Abs(z) / options.SpikeZ);
        return score < 1 ? null : Finding(reading, state, z, sigma, score, limits);
    }

    /// <summary>Daily-cycle bins are centred on the half hours; a time falls between two of them.</summary>
    private static (int Bin, double Fraction) Position(DateTimeOffset time)
    {
        var u = time.UtcDateTime.TimeOfDay.TotalHours - 0.5;
        var floor = Math.Floor(u);
        return (((int)floor + 24) % 24, u - floor);
    }

    private static double Offset(DriftState state, int bin, double fraction) =>
        ((1 - fraction) * state.HourOffsets[bin]) + (fraction * state.HourOffsets[(bin + 1) % 24]);

    /// <summary>Warm-up: running mean, per-bin weighted means (kept in the offsets) and the spread around them.</summary>
    private static void WarmUp(DriftState state, double value, int bin, double fraction)
    {
        state.Level += (value - state.Level) / state.Count;
        AddToBin(state, bin, 1 - fraction, value);
        AddToBin(state, (bin + 1) % 24, fraction, value);
        var nearest = fraction < 0.5 ? bin : (bin + 1) % 24;
        state.Scale += (Math.Abs(value - state.HourOffsets[nearest]) - state.Scale) / state.Count;
    }

    /// <summary>Ends the warm-up: the per-bin means become offsets from the overall mean.</summary>
    private static void Baseline(DriftState state)
    {
        for (var i = 0; i < 24; i++)
        {
            state.HourOffsets[i] = state.HourWeights[i] > 0 ? state.HourOffsets[i] - state.Level : 0;
        }

        state.Baselined = true;
    }

    private static void AddToBin(DriftState state, int bin, double weight, double value)
    {
        if (weight <= 0)
        {
            return;
        }

        state.HourWeights[bin] += weight;
        state.HourOffsets[bin] += weight * (value - state.HourOffsets[bin]) / state.HourWeights[bin];
    }

    private void Learn(DriftState state, double residual, double sigma, int bin, double fraction)
    {
        var clipped = Math.Clamp(residual, -options.ClipZ * sigma, options.ClipZ * sigma);
        state.Scale += options.ScaleAlpha * (Math.Abs(clipped) - state.Scale);
        state.Level += options.BaselineAlpha * clipped;
        var rest = options.DailyCycleAlpha * (1 - options.BaselineAlpha) * clipped;
        state.HourOffsets[bin] += (1 - fraction) * rest;
        state.HourOffsets[(bin + 1) % 24] += fraction * rest;
    }

    private void UpdateSlope(DriftState state, Reading reading)
    {
        var hours = (reading.Time - state.LastTime).TotalHours;
        if (hours <= 0)
        {
            return;
        }

        var predicted = state.Smoothed + (state.Slope * hours);
        var smoothed = predicted + (options.SlopeAlpha * (reading.Value - predicted));
        state.Slope += options.SlopeAlpha * (((smoothed - state.Smoothed) / hours) - state.Slope);
        state.Smoothed = smoothed;
    }

    private static void Remember(DriftState state, Reading reading)
    {
        state.LastValue = reading.Value;
        state.LastTime = reading.Time;
    }

    private DetectorFinding Finding(Reading reading, DriftState state, double z, double sigma, double score, RuleLimits? limits)
    {
        var expected = reading.Value - (z * sigma);
        var timeToThreshold = TimeToThreshold(reading.Value, state.Slope, limits);
        var kind = state.CusumHigh >= options.CusumLimit || state.CusumLow >= options.CusumLimit ? "drift (CUSUM)" : "level shift";
        var reason = string.Create(CultureInfo.InvariantCulture, $"{kind}: z {z:F1}, rate {state.Slope:G3}/h");
        var contribution = new SensorContribution(reading.SensorId, reading.Value, expected - (3 * sigma), expected + (3 * sigma), 1.0, reason);
        var summary = string.Create(CultureInfo.InvariantCulture, $"{reading.SensorId}: {reason}")
            + (timeToThreshold is { } t ? string.Create(CultureInfo.InvariantCulture, $", threshold in {t.TotalHours:F1} h") : string.Empty);
        return new DetectorFinding(
            DetectorName,
            RiskLevel.Yellow,
            Math.Clamp(score / 2, 0.5, 1.0),
            score,
            reading.Time,
            new Explanation(summary, [contribution]),
            timeToThreshold);
    }

    private static TimeSpan? TimeToThreshold(double value, double slope, RuleLimits? limits)
    {
        if (limits is not { } l || slope == 0)
        {
            return null;
        }

        var target = l.IsBand ? (slope > 0 ? l.High : l.Low) : l.Level1;
        var hours = (target - value) / slope;
        return hours > 0 && hours < 24 * 365 ? TimeSpan.FromHours(hours) : null;
    }
}
