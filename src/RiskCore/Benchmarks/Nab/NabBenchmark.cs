using System.Globalization;
using System.Text.Json;
using SafetyLedger.RiskCore.Backtesting;

namespace SafetyLedger.RiskCore.Benchmarks.Nab;

/// <summary>
/// Runs a detector over every file listed in <c>combined_windows.json</c>: the probation rows warm
/// the detector up (Fit), the rest are streamed; each profile is scored and normalised against the
/// null and perfect detectors over the whole corpus.
/// </summary>
public sealed class NabBenchmark(Func<NabProfile, ISequenceDetector> createDetector)
{
    public async Task<IReadOnlyList<NabResult>> RunAsync(string nabDirectory, IReadOnlyList<NabProfile> profiles, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(profiles);
        var windowsByFile = await ReadWindowsAsync(Path.Combine(nabDirectory, "combined_windows.json"), cancellationToken);
        var totals = profiles.ToDictionary(p => p, _ => new Totals());
        foreach (var (file, limits) in windowsByFile.OrderBy(pair => pair.Key, StringComparer.Ordinal))
        {
            var table = await NumericTableReader.ReadFileAsync(Path.Combine(nabDirectory, file), cancellationToken);
            var windows = ToIndices(table, limits);
            var perfect = NabScorer.PerfectDetections(table.RowCount, windows);
            var none = new bool[table.RowCount];
            foreach (var profile in profiles)
            {
                var detections = Detect(createDetector(profile), table);
                totals[profile].Add(
                    NabScorer.Score(detections, windows, profile),
                    NabScorer.Score(none, windows, profile).Raw,
                    NabScorer.Score(perfect, windows, profile).Raw);
            }
        }

        return profiles.Select(p => totals[p].ToResult(p, windowsByFile.Count)).ToArray();
    }

    internal static bool[] Detect(ISequenceDetector detector, NumericTable table)
    {
        var probation = NabScorer.ProbationLength(table.RowCount);
        detector.Fit(table.Rows.Take(Math.Max(probation, 1)).ToArray());
        var detections = new bool[table.RowCount];
        for (var i = Math.Max(probation, 1); i < table.RowCount; i++)
        {
            detections[i] = detector.Score(table.Rows[i]).Alarm;
        }

        return detections;
    }

    internal static async Task<Dictionary<string, List<(DateTime Start, DateTime End)>>> ReadWindowsAsync(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        var raw = await JsonSerializer.DeserializeAsync<Dictionary<string, List<List<string>>>>(stream, cancellationToken: cancellationToken)
            ?? throw new TableFormatException($"{path}: empty window file.");
        return raw.ToDictionary(
            pair => pair.Key,
            pair => pair.Value.Select(w => (Time(w[0]), Time(w[1]))).ToList(),
            StringComparer.Ordinal);
    }

    private static NabWindow[] ToIndices(NumericTable table, List<(DateTime Start, DateTime End)> limits)
    {
        var times = (table.Timestamps ?? throw new TableFormatException("NAB file without timestamps.")).Select(Time).ToArray();
        return limits.Select(limit =>
        {
            var start = Array.FindIndex(times, t => t >= limit.Start);
            var end = Array.FindLastIndex(times, t => t <= limit.End);
            return new NabWindow(start, end);
        }).Where(w => w.Start >= 0 && w.End >= w.Start).ToArray();
    }

    private static DateTime Time(string text) => DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);

    private sealed class Totals
    {
        private double _raw;
        private double _null;
        private double _perfect;
        private int _tp;
        private int _fp;
        private int _fn;

        public void Add(NabFileScore score, double nullScore, double perfectScore)
        {
            _raw += score.Raw;
            _null += nullScore;
            _perfect += perfectScore;
            _tp += score.TruePositives;
            _fp += score.FalsePositives;
            _fn += score.FalseNegatives;
        }

        public NabResult ToResult(NabProfile profile, int files) =>
            new(profile, NabScorer.Normalise(_raw, _null, _perfect), files, _tp, _fp, _fn);
    }
}
