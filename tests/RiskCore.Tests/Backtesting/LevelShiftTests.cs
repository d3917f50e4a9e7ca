using SafetyLedger.RiskCore.Backtesting;

namespace SafetyLedger.RiskCore.Tests.Backtesting;

public sealed class LevelShiftTests
{
    [Fact]
    public void Returns_NaN_until_the_recent_values_and_their_baseline_are_seen()
    {
        var level = new LevelShift(recent: 2, baseline: 3, noiseFloor: 0);
        for (var i = 0; i < 4; i++)
        {
            Assert.True(double.IsNaN(level.Next(i)));
        }

        Assert.False(double.IsNaN(level.Next(4)));
    }

    [Fact]
    public void Shift_of_the_recent_mean_is_divided_by_the_baseline_spread_plus_the_noise_floor()
    {
        var level = new LevelShift(recent: 2, baseline: 4, noiseFloor: 0.1);
        foreach (var value in new double[] { 0, 2, 0, 2, 5 })
        {
            level.Next(value);
        }

        // Baseline 0, 2, 0, 2: mean 1, standard deviation 1; range seen 0..5, floor 0.1 × 5; recent mean 5.
        Assert.Equal(4 / 1.5, level.Next(5), 12);
    }

    [Fact]
    public void A_steady_alternating_stream_scores_no_shift()
    {
        var level = new LevelShift(recent: 2, baseline: 6, noiseFloor: 0.05);
        var last = double.NaN;
        for (var i = 0; i < 50; i++)
        {
            last = level.Next(i % 2);
        }

        Assert.Equal(0, last, 12);
    }
}
