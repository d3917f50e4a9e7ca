using System.Globalization;
using SafetyLedger.RiskCore.Backtesting;
using SafetyLedger.RiskCore.Benchmarks.Nab;
using SafetyLedger.RiskCore.Benchmarks.Skab;
using SafetyLedger.RiskCore.Benchmarks.Tep;

namespace SafetyLedger.RiskCore.Benchmarks;

/// <summary>Runs one public benchmark with its protocol and prints our figures beside the published ones.</summary>
internal static class BenchmarkRunner
{
    private static readonly string[] Known = ["nab", "skab", "tep"];

    public static bool IsKnown(string name) => Known.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>The benchmark's folder: DIR/name when it exists (DIR is the shared data root), else DIR itself.</summary>
    public static string Locate(string dataDir, string benchmark)
    {
        var nested = Path.Combine(dataDir, benchmark);
        var directory = Directory.Exists(nested) ? nested : dataDir;
        return Directory.Exists(directory) ? directory : throw new TableFormatException($"data directory '{dataDir}' does not exist.");
    }

    public static async Task<int> RunAsync(BacktestRequest request, TextWriter stdout, CancellationToken ct)
    {
        var benchmark = request.Benchmark!.ToLowerInvariant();
        var directory = Locate(request.DataDir!, benchmark);
        var report = benchmark switch
        {
            "skab" => SkabReport(await new SkabBenchmark(Factory(request, DetectorCatalog.SmoothedDynamicPca, 8)).RunAsync(directory, ct)),
            "tep" => TepReport(await new TepBenchmark(Factory(request, DetectorCatalog.DynamicPca, TepBenchmark.Variables)).RunAsync(directory, ct)),
            _ => NabReport(await new NabBenchmark(_ => DetectorCatalog.Create(request.Detector ?? DetectorCatalog.Univariate, 1))
                .RunAsync(directory, request.Profile is null ? NabProfile.All : [NabProfile.Find(request.Profile)!], ct)),
        };
        await stdout.WriteAsync(report.AsMemory(), ct);
        await stdout.FlushAsync(ct);
        return BacktestCommand.Ok;
    }

    private static Func<ISequenceDetector> Factory(BacktestRequest request, string fallback, int columns) =>
        () => DetectorCatalog.Create(request.Detector ?? fallback, columns);

    internal static string SkabReport(SkabResult result)
    {
        var lines = new List<string>
        {
            F($"SKAB outlier detection: {result.Files} fault files, first {SkabBenchmark.TrainingRows} rows of each train, point-wise counts pooled over all test rows"),
            F($"{"detector",-24} {"F1",6} {"FAR %",7} {"MAR %",7}"),
            F($"{"ours (" + result.Detector + ")",-24} {result.Counts.F1,6:F3} {100 * result.Counts.FalseAlarmRate,7:F2} {100 * result.Counts.MissedAlarmRate,7:F2}"),
        };
        lines.AddRange(PublishedBaselines.Skab.Select(b => F($"{b.Name,-24} {b.F1,6:F2} {b.Far,7:F2} {b.Mar,7:F2}")));
        return string.Join('\n', lines) + "\n";
    }

    internal static string NabReport(IReadOnlyList<NabResult> results)
    {
        var lines = new List<string> { F($"NAB: {results[0].Files} files, scores normalised over the whole corpus (null 0, perfect 100)") };
        lines.AddRange(results.Select(r => F($"ours (univariate) {r.Profile.Name,-20} {r.Score,7:F1}   windows detected {r.TruePositives}, missed {r.FalseNegatives}, false positives {r.FalsePositives}")));
        lines.Add(F($"{"published",-24} {"standard",9} {"low FP",7} {"low FN",7}"));
        lines.AddRange(PublishedBaselines.Nab.Select(b => F($"{b.Name,-24} {b.Standard,9:F1} {b.LowFp,7:F1} {b.LowFn,7:F1}")));
        return string.Join('\n', lines) + "\n";
    }

    internal static string TepReport(TepResult result)
    {
        var lines = new List<string>
        {
            F($"TEP training files: fit on d00 (read transposed), detector {result.Detector}"),
            F($"false-alarm rate on normal data (5-fold contiguous cross-validation on d00): {100 * result.FalseAlarmRate:F1} %"),
        };
        lines.AddRange(result.DetectionRates.Select(pair => F($"fault {pair.Key,2}: detection {100 * pair.Value,6:F1} %")));
        lines.Add(F($"mean detection, all faults: {100 * result.MeanDetection:F1} %"));
        lines.Add(F($"mean detection without faults 3, 9, 15: {100 * result.MeanDetectionExcludingUndetectable:F1} %"));
        lines.Add("published: " + PublishedBaselines.Tep);
        return string.Join('\n', lines) + "\n";
    }

    private static string F(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
