using SafetyLedger.RiskCore.Backtesting;

namespace SafetyLedger.RiskCore.Tests.Backtesting;

public sealed class LaggedWindowNeighboursTests
{
    [Fact]
    public void A_repeating_pattern_is_conforming_and_a_broken_one_is_not()
    {
        var neighbours = new LaggedWindowNeighbours(width: 4, neighbours: 2, memory: 40);
        var last = double.NaN;
        for (var i = 0; i < 200; i++)
        {
            last = neighbours.Next(i % 8);
        }

        Assert.Equal(0, last, 12);
        var broken = neighbours.Next(3.5);
        Assert.True(broken > 0.05, $"distance {broken}");
    }

    [Fact]
    public void Returns_NaN_until_enough_earlier_windows_exist()
    {
        var neighbours = new LaggedWindowNeighbours(width: 3, neighbours: 2, memory: 10);
        Assert.True(double.IsNaN(neighbours.Next(1)));
        Assert.True(double.IsNaN(neighbours.Next(2)));
    }
}
