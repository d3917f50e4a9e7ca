using SafetyLedger.RiskCore.Benchmarks.Skab;

namespace SafetyLedger.RiskCore.Tests.Benchmarks;

public sealed class SkabCountsTests
{
    [Fact]
    public void Hand_counted_case_gives_the_published_formulas()
    {
        bool[] predicted = [true, true, false, false, true, false, false, true, false, false];
        double[] labels = [1, 1, 1, 0, 0, 0, 0, 0, 1, 0];
        var counts = SkabCounts.Count(predicted, labels);
        Assert.Equal(new SkabCounts(2, 2, 4, 2), counts);
        Assert.Equal(2 / (2 + ((2 + 2) / 2.0)), counts.F1, 9);
        Assert.Equal(2 / 6.0, counts.FalseAlarmRate, 9);
        Assert.Equal(2 / 4.0, counts.MissedAlarmRate, 9);
    }

    [Fact]
    public void Counts_pool_over_files()
    {
        var pooled = new SkabCounts(1, 2, 3, 4).Add(new SkabCounts(10, 20, 30, 40));
        Assert.Equal(new SkabCounts(11, 22, 33, 44), pooled);
    }
}
