using System.Globalization;
using SafetyLedger.RiskCore.Explanations;
using SafetyLedger.RiskCore.Fusion;
using SafetyLedger.RiskCore.Readings;

namespace SafetyLedger.RiskCore.Rules;

/// <summary>
/// Threshold rules per sensor kind with hysteresis (a level holds until the value is clearly back)
/// and debounce (a change of level needs several samples in a row), so noise at a threshold does
/// not flap. Level 1 maps to Orange, level 2 (and the oxygen band) to Red.
/// </summary>
public sealed class ThresholdRules(AlarmRuleOptions options)
{
    public const string DetectorName = "rules";

    /// <summary>The sensor's registered levels when it has them, else the defaults for its kind and unit.</summary>
    public RuleLimits? LimitsFor(Reading reading)
    {
        ArgumentNullException.ThrowIfNull(reading);
        return reading.Limits switch
        {
            { Level1: { } l1, Level2: var l2 } => new RuleLimits($"registered levels ({reading.Unit})", l1, l2 ?? double.PositiveInfinity, double.NaN, double.NaN, IsBand: false),
            { Low: { } low, High: { } high } => new RuleLimits($"registered band ({reading.Unit})", double.NaN, double.NaN, low, high, IsBand: true),
            _ => LimitsFor(reading.Kind, reading.Unit),
        };
    }

    public RuleLimits? LimitsFor(string kind, string unit) => kind switch
    {
        SensorKinds.FlammableGas when SameUnit(unit, options.FlammableUnit) => new RuleLimits("flammable % LEL", options.FlammableLevel1, options.FlammableLevel2, double.NaN, double.NaN, IsBand: false),
        SensorKinds.ToxicGas when SameUnit(unit, options.ToxicUnit) => new RuleLimits("toxic % OEL", options.ToxicLevel1, options.ToxicLevel2, double.NaN, double.NaN, IsBand: false),
        SensorKinds.Oxygen when SameUnit(unit, options.OxygenUnit) => new RuleLimits("oxygen % vol", double.NaN, double.NaN, options.OxygenLow, options.OxygenHigh, IsBand: true),
        _ => null,
    };

    /// <summary>Advances the sensor's rule state; returns a finding while a level is active, otherwise null.</summary>
    public DetectorFinding? Evaluate(Reading reading, ref RuleState state)
    {
        ArgumentNullException.ThrowIfNull(reading);
        if (LimitsFor(reading) is not { } limits)
        {
            return null;
        }

        var target = Target(limits, reading.Value, state.Level);
        state = Debounce(state, target);
        return state.Level == 0 ? null : Finding(reading, limits, state.Level);
    }

    private int Target(RuleLimits limits, double value, int current)
    {
        if (limits.IsBand)
        {
            var outside = value < limits.Low || value > limits.High;
            var clearlyInside = value >= limits.Low + options.OxygenHysteresis && value <= limits.High - options.OxygenHysteresis;
            return outside || (current > 0 && !clearlyInside) ? 2 : 0;
        }

        var keep = 1 - options.GasHysteresisFraction;
        var raw = value >= limits.Level2 ? 2 : value >= limits.Level1 ? 1 : 0;
        var held = current >= 2 && value >= limits.Level2 * keep ? 2 : current >= 1 && value >= limits.Level1 * keep ? 1 : 0;
        return Math.Max(raw, held);
    }

    private RuleState Debounce(RuleState state, int target)
    {
        if (target == state.Level)
        {
            return state with { Candidate = state.Level, Count = 0 };
        }

        var count = target == state.Candidate ? state.Count + 1 : 1;
        var needed = target > state.Level ? options.RaiseAfterSamples : options.ClearAfterSamples;
        return count >= needed ? new RuleState(target, target, 0) : new RuleState(state.Level, target, count);
    }

    private static DetectorFinding Finding(Reading reading, RuleLimits limits, int level)
    {
        var threshold = limits.IsBand ? double.NaN : level == 2 ? limits.Level2 : limits.Level1;
        var rule = limits.IsBand
            ? string.Create(CultureInfo.InvariantCulture, $"{limits.Name} outside {limits.Low}–{limits.High}")
            : string.Create(CultureInfo.InvariantCulture, $"{limits.Name} level {level} (≥ {threshold})");
        var low = limits.IsBand ? limits.Low : 0;
        var high = limits.IsBand ? limits.High : limits.Level1;
        var contribution = new SensorContribution(reading.SensorId, reading.Value, low, high, 1.0, rule);
        var summary = string.Create(CultureInfo.InvariantCulture, $"{reading.SensorId}: {rule}, value {reading.Value}");
        return new DetectorFinding(
            DetectorName,
            level == 2 ? RiskLevel.Red : RiskLevel.Orange,
            1.0,
            limits.IsBand ? 1.0 : reading.Value / threshold,
            reading.Time,
            new Explanation(summary, [contribution]));
    }

    private static bool SameUnit(string unit, string expected) =>
        string.Equals(unit.Replace(" ", string.Empty, StringComparison.Ordinal), expected.Replace(" ", string.Empty, StringComparison.Ordinal), StringComparison.OrdinalIgnoreCase);
}
