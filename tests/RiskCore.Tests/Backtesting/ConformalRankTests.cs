using SafetyLedger.RiskCore.Backtesting;

namespace SafetyLedger.RiskCore.Tests.Backtesting;

public sealed class ConformalRankTests
{
    [Fact]
    public void Ranks_against_earlier_scores_and_new_maxima_by_their_ratio_to_the_old_maximum()
    {
        var rank = new ConformalRank(warmUp: 4, capacity: 100);
        Assert.Equal(0, rank.Next(1));
        Assert.Equal(0, rank.Next(2));
        Assert.Equal(0, rank.Next(3));
        Assert.Equal(0, rank.Next(4));
        Assert.Equal(0.5, rank.Next(2.5), 12);
        Assert.Equal(2.0, rank.Next(8), 12);
        Assert.Equal(0, rank.Next(double.NaN));
    }

    [Fact]
    public void Forgets_the_oldest_scores_beyond_its_capacity()
    {
        var rank = new ConformalRank(warmUp: 1, capacity: 2);
        rank.Next(100);
        rank.Next(1);
        rank.Next(2);
        Assert.Equal(1.5, rank.Next(3), 12);
    }
}
