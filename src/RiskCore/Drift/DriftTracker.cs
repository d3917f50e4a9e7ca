using System.Globalization;
using SafetyLedger.RiskCore.Explanations;
using SafetyLedger.RiskCore.Fusion;
using SafetyLedger.RiskCore.Readings;
using SafetyLedger.RiskCore.Rules;

namespace SafetyLedger.RiskCore.Drift;

/// <summary>
/// Change and drift on one sensor: a learned baseline (level + hour-of-day offset, i.e. the daily
/// cycle) gives a residual; a robust z-score (residual ÷ 1.25 × mean absolute deviation) feeds a
/// two-sided CUSUM and a spike test; an EWMA of the rate of change estimates when a rule threshold
/// will be crossed. The baseline stops learning while the CUSUM is past half its limit, so a slow
/// ramp is not absorbed. Findings are Yellow (early warning).
/// </summary>
public sealed class DriftTracker(DriftOptions options)
{
    public const string DetectorName = "drift";
    private const double MadToSigma = 1.2533;

    public DetectorFinding? Update(Reading reading, DriftState state, RuleLimits? limits)
    {
        ArgumentNullException.ThrowIfNull(reading);
        ArgumentNullException.ThrowIfNull(state);
        var hour = reading.Time.UtcDateTime.Hour;
        var value = reading.Value;
        state.Count++;
        if (state.Count == 1)
        {
            state.Level = value;
            Remember(state, reading);
            return null;
        }

        UpdateSlope(state, reading);
        var residual = value - state.Level - state.HourOffsets[hour];
        var sigma = Math.Max(state.Scale * MadToSigma, 1e-9 + (1e-6 * Math.Abs(state.Level)));
        var z = residual / sigma;
        if (state.Count <= options.WarmupSamples)
        {
            Learn(state, hour, residual, sigma, 1.0 / state.Count);
            Remember(state, reading);
            return null;
        }

        state.CusumHigh = Math.Max(0, state.CusumHigh + z - options.CusumAllowance);
        state.CusumLow = Math.Max(0, state.CusumLow - z - options.CusumAllowance);
        var cusum = Math.Max(state.CusumHigh, state.CusumLow);
        if (cusum < options.CusumLimit / 2)
        {
            Learn(state, hour, residual, sigma, options.BaselineAlpha);
        }

        Remember(state, reading);
        var score = Math.Max(cusum / options.CusumLimit, Math.Abs(z) / options.SpikeZ);
        return score < 1 ? null : Finding(reading, state, z, sigma, score, limits);
    }

    private void Learn(DriftState state, int hour, double residual, double sigma, double levelAlpha)
    {
        var clipped = Math.Clamp(residual, -options.ClipZ * sigma, options.ClipZ * sigma);
        var warm = state.Count <= options.WarmupSamples;
        state.Scale += (warm ? 1.0 / state.Count : options.ScaleAlpha) * (Math.Abs(warm ? residual : clipped) - state.Scale);
        state.Level += levelAlpha * clipped;
        state.HourOffsets[hour] += options.DailyCycleAlpha * (clipped - (levelAlpha * clipped));
    }

    private void UpdateSlope(DriftState state, Reading reading)
    {
        var hours = (reading.Time - state.LastTime).TotalHours;
        if (hours > 0)
        {
            state.Slope += options.SlopeAlpha * (((reading.Value - state.LastValue) / hours) - state.Slope);
        }
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
