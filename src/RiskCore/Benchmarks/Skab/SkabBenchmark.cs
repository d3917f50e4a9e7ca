using SafetyLedger.RiskCore.Backtesting;

namespace SafetyLedger.RiskCore.Benchmarks.Skab;

/// <summary>
/// The SKAB outlier-detection protocol: in each fault file the first 400 rows train the detector,
/// the rest are scored point by point against the <c>anomaly</c> label, pooled over all files.
/// </summary>
public sealed class SkabBenchmark(Func<ISequenceDetector> createDetector)
{
    public const int TrainingRows = 400;

    public async Task<SkabResult> RunAsync(string skabDirectory, CancellationToken cancellationToken)
    {
        var files = Directory.EnumerateFiles(skabDirectory, "*.csv", SearchOption.AllDirectories)
            .Where(path => !path.Contains("anomaly-free", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count == 0)
        {
            throw new DirectoryNotFoundException($"No SKAB fault files under {skabDirectory}.");
        }

        var total = SkabCounts.Empty;
        var name = string.Empty;
        foreach (var file in files)
        {
            var table = await NumericTableReader.ReadFileAsync(file, cancellationToken);
            if (!table.Labels.TryGetValue("anomaly", out var labels))
            {
                throw new TableFormatException($"{file}: no anomaly column.");
            }

            var detector = createDetector();
            name = detector.Name;
            detector.Fit(table.Rows.Take(TrainingRows).ToArray());
            var predicted = table.Rows.Skip(TrainingRows).Select(row => detector.Score(row).Alarm).ToArray();
            total = total.Add(SkabCounts.Count(predicted, labels.Skip(TrainingRows).ToArray()));
        }

        return new SkabResult(total, files.Count, name);
    }
}
