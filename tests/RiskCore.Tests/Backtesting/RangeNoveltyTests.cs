using SafetyLedger.RiskCore.Backtesting;

namespace SafetyLedger.RiskCore.Tests.Backtesting;

public sealed class RangeNoveltyTests
{
    [Fact]
    public void Only_values_beyond_the_margin_outside_the_range_seen_so_far_score()
    {
        var range = new RangeNovelty(margin: 0.1);
        Assert.Equal(0, range.Next(0));
        Assert.True(range.Next(10) > 1);
        Assert.Equal(0, range.Next(10.5));
        Assert.Equal(0, range.Next(5));
        Assert.Equal(1.2, range.Next(-2.1), 12);
    }
}
