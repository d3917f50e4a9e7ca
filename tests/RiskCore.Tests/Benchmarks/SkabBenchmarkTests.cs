using SafetyLedger.RiskCore.Backtesting;
using SafetyLedger.RiskCore.Benchmarks.Nab;
using SafetyLedger.RiskCore.Benchmarks.Skab;
using SafetyLedger.RiskCore.Tests.Support;

namespace SafetyLedger.RiskCore.Tests.Benchmarks;

public sealed class SkabBenchmarkTests
{
    /// <summary>Measured F1 0.814 at FAR 12.92 % with dpca-ewma (docs/benchmarks.md); both guards sit just below.</summary>
    private const double F1Floor = 0.81;
    private const double FalseAlarmCeiling = 0.13;

    [Fact]
    public async Task Skab_benchmark_on_the_real_data_keeps_F1_above_the_floor_and_false_alarms_below_the_ceiling()
    {
        var skab = Path.Combine(SharedData.Root(), "skab");
        Assert.True(Directory.Exists(skab), $"SKAB data missing at {skab}");
        var result = await new SkabBenchmark(() => DetectorCatalog.Create(DetectorCatalog.SmoothedDynamicPca, 8))
            .RunAsync(skab, CancellationToken.None);
        Assert.Equal(34, result.Files);
        Assert.True(result.Counts.F1 >= F1Floor, $"SKAB F1 {result.Counts.F1:F3} fell below {F1Floor}");
        Assert.True(result.Counts.FalseAlarmRate <= FalseAlarmCeiling, $"SKAB FAR {result.Counts.FalseAlarmRate:P2} rose above {FalseAlarmCeiling:P0}");
    }

    [Fact]
    public async Task Backtest_verb_runs_the_skab_benchmark_and_prints_the_baselines()
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await new BacktestCommand().RunAsync(new BacktestRequest(null, null, null, "skab", SharedData.Root(), null), stdout, stderr, CancellationToken.None);
        Assert.Equal(0, code);
        Assert.Contains("Conv-AE", stdout.ToString(), StringComparison.Ordinal);
    }
}
