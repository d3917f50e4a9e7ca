using SafetyLedger.RiskCore.Fusion;
using SafetyLedger.RiskCore.Readings;
using SafetyLedger.RiskCore.Rules;
using SafetyLedger.RiskCore.Tests.Support;

namespace SafetyLedger.RiskCore.Tests.Rules;

public sealed class ThresholdRulesTests
{
    private readonly ThresholdRules _rules = new(new AlarmRuleOptions());

    private (List<int> Levels, List<RiskLevel?> Colours) Run(Func<double, int, Reading> make, params double[] values)
    {
        var state = default(RuleState);
        var levels = new List<int>();
        var colours = new List<RiskLevel?>();
        for (var i = 0; i < values.Length; i++)
        {
            var finding = _rules.Evaluate(make(values[i], i), ref state);
            levels.Add(state.Level);
            colours.Add(finding?.Level);
        }

        return (levels, colours);
    }

    [Fact]
    public void Flammable_gas_raises_level_1_then_level_2_and_clears_only_below_the_hysteresis_band()
    {
        var (levels, colours) = Run(Some.Gas, 10, 26, 27, 30, 51, 52, 48, 47, 46, 44, 44, 44, 24, 23, 22, 22, 22);
        Assert.Equal([0, 0, 1, 1, 1, 2, 2, 2, 2, 2, 2, 1, 1, 1, 1, 1, 0], levels);
        Assert.Equal(RiskLevel.Orange, colours[2]);
        Assert.Equal(RiskLevel.Red, colours[5]);
        Assert.Null(colours[^1]);
    }

    [Fact]
    public void Toxic_gas_uses_its_own_levels_of_100_and_200_percent_OEL()
    {
        var (levels, _) = Run(Some.Toxic, 99, 101, 102, 201, 205, 80, 80, 80);
        Assert.Equal([0, 0, 1, 1, 2, 2, 2, 0], levels);
    }

    [Fact]
    public void A_sensors_registered_levels_override_the_defaults_for_its_kind()
    {
        static Reading H2sInPpm(double value, int i) =>
            Some.Toxic(value, i) with { Unit = "ppm", Limits = new SensorLimits(Level1: 10, Level2: 15) };

        var (levels, colours) = Run(H2sInPpm, 2, 9, 11, 12, 16, 17, 3, 3, 3);

        Assert.Equal([0, 0, 0, 1, 1, 2, 2, 2, 0], levels);
        Assert.Equal(RiskLevel.Orange, colours[3]);
        Assert.Null(Run((v, i) => Some.Toxic(v, i) with { Unit = "ppm" }, 2, 50, 60, 70).Colours[^1]);
    }

    [Fact]
    public void Oxygen_alarms_below_and_above_the_band_and_clears_inside_it()
    {
        var (low, _) = Run(Some.Oxygen, 20.9, 19.4, 19.3, 19.6, 19.7, 19.9, 19.9, 19.9);
        Assert.Equal([0, 0, 2, 2, 2, 2, 2, 0], low);
        var (high, colours) = Run(Some.Oxygen, 20.9, 23.6, 23.8, 23.0, 23.0, 23.0);
        Assert.Equal([0, 0, 2, 2, 2, 0], high);
        Assert.Equal(RiskLevel.Red, colours[2]);
    }

    [Fact]
    public void Noise_around_a_threshold_does_not_flap()
    {
        var random = new Random(7);
        var values = Enumerable.Range(0, 400).Select(_ => 25 + ((random.NextDouble() - 0.5) * 2)).ToArray();
        var (levels, _) = Run(Some.Gas, values);
        var changes = levels.Zip(levels.Skip(1)).Count(pair => pair.First != pair.Second);
        Assert.InRange(changes, 1, 1);
    }

    [Fact]
    public void A_reading_in_another_unit_is_not_judged_by_the_percent_LEL_rule()
    {
        var (levels, colours) = Run((v, i) => Some.Reading("lel-ppm", SensorKinds.FlammableGas, v, "ppm", i), 500, 500, 500);
        Assert.All(levels, level => Assert.Equal(0, level));
        Assert.All(colours, Assert.Null);
    }
}
