using SafetyLedger.RiskCore.Backtesting;
using SafetyLedger.RiskCore.Benchmarks.Nab;
using SafetyLedger.RiskCore.Benchmarks.Tep;
using SafetyLedger.RiskCore.Tests.Support;

namespace SafetyLedger.RiskCore.Tests.Benchmarks;

/// <summary>Regression guards on the real public data; floors sit slightly below the measured figures (docs/benchmarks.md).</summary>
public sealed class BenchmarkGuardTests
{
    /// <summary>Measured 72.5 (standard profile, whole corpus, 58 files).</summary>
    private const double NabStandardFloor = 72.0;

    /// <summary>Measured 89.2 % mean detection without faults 3, 9, 15 at 2.2 % false alarms.</summary>
    private const double TepDetectionFloor = 0.88;
    private const double TepFalseAlarmCeiling = 0.05;

    [Fact]
    public async Task Nab_whole_corpus_standard_profile_stays_at_or_above_the_floor()
    {
        var nab = Path.Combine(SharedData.Root(), "nab");
        var results = await new NabBenchmark(_ => DetectorCatalog.Create(DetectorCatalog.Univariate, 1))
            .RunAsync(nab, [NabProfile.Standard], CancellationToken.None);
        Assert.Equal(58, results[0].Files);
        Assert.True(results[0].Score >= NabStandardFloor, $"NAB standard {results[0].Score:F1} fell below {NabStandardFloor}");
    }

    [Fact]
    public async Task Tep_mean_detection_stays_above_the_floor_at_five_percent_false_alarms()
    {
        var tep = Path.Combine(SharedData.Root(), "tep");
        var result = await new TepBenchmark(() => DetectorCatalog.Create(DetectorCatalog.DynamicPca, TepBenchmark.Variables))
            .RunAsync(tep, CancellationToken.None);
        Assert.True(result.FalseAlarmRate <= TepFalseAlarmCeiling, $"TEP false alarms {result.FalseAlarmRate:P1}");
        Assert.True(result.MeanDetectionExcludingUndetectable >= TepDetectionFloor, $"TEP detection {result.MeanDetectionExcludingUndetectable:P1}");
    }
}
