using System.Globalization;
using SafetyLedger.RiskCore.Backtesting;

namespace SafetyLedger.RiskCore.Benchmarks.Tep;

/// <summary>
/// TEP with the training files: fit on all of d00 (read transposed), detection rate per fault file
/// d01–d21; the false-alarm rate comes from 5-fold contiguous cross-validation on d00 (fit on four
/// folds, stream the fifth).
/// </summary>
public sealed class TepBenchmark(Func<ISequenceDetector> createDetector)
{
    public const int Folds = 5;
    public const int Variables = 52;

    public async Task<TepResult> RunAsync(string tepDirectory, CancellationToken cancellationToken)
    {
        var normalTable = await NumericTableReader.ReadFileAsync(Path.Combine(tepDirectory, "d00.dat"), cancellationToken);
        var normal = TableOrientation.Align(normalTable, Variables).Rows;
        var falseAlarmRate = CrossValidatedFalseAlarms(normal);
        var rates = new Dictionary<int, double>();
        var name = string.Empty;
        for (var fault = 1; fault <= 21; fault++)
        {
            var file = Path.Combine(tepDirectory, "d" + fault.ToString("00", CultureInfo.InvariantCulture) + ".dat");
            var table = await NumericTableReader.ReadFileAsync(file, cancellationToken);
            var detector = createDetector();
            name = detector.Name;
            detector.Fit(normal);
            rates[fault] = table.Rows.Count(row => detector.Score(row).Alarm) / (double)table.RowCount;
        }

        return new TepResult(rates, falseAlarmRate, name);
    }

    private double CrossValidatedFalseAlarms(IReadOnlyList<double[]> normal)
    {
        var foldSize = normal.Count / Folds;
        var alarms = 0;
        var scored = 0;
        for (var fold = 0; fold < Folds; fold++)
        {
            var start = fold * foldSize;
            var end = fold == Folds - 1 ? normal.Count : start + foldSize;
            var detector = createDetector();
            detector.Fit(normal.Where((_, i) => i < start || i >= end).ToArray());
            for (var i = start; i < end; i++)
            {
                alarms += detector.Score(normal[i]).Alarm ? 1 : 0;
                scored++;
            }
        }

        return alarms / (double)scored;
    }
}
