using System.Globalization;
using System.Text;
using SafetyLedger.RiskCore.Benchmarks.Nab;

namespace SafetyLedger.RiskCore.Backtesting;

/// <summary>Fits on the training file and streams the test file, one <c>row,score,alarm</c> line per test row.</summary>
internal static class TrainTestBacktest
{
    public static async Task<int> RunAsync(BacktestRequest request, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        var test = await NumericTableReader.ReadFileAsync(request.TestFile!, ct);
        var train = TableOrientation.Align(await NumericTableReader.ReadFileAsync(request.TrainFile!, ct), test.ColumnCount);
        if (train.ColumnCount != test.ColumnCount)
        {
            throw new TableFormatException($"the training file has {train.ColumnCount} input columns, the test file {test.ColumnCount}.");
        }

        var name = request.Detector ?? DetectorCatalog.Auto;
        if (string.Equals(name, DetectorCatalog.Univariate, StringComparison.OrdinalIgnoreCase) && test.ColumnCount != 1)
        {
            await stderr.WriteLineAsync($"backtest: the univariate detector needs one input column, the files have {test.ColumnCount}.".AsMemory(), ct);
            return BacktestCommand.Usage;
        }

        var minimum = string.Equals(name, DetectorCatalog.Univariate, StringComparison.OrdinalIgnoreCase) || test.ColumnCount == 1 ? 1 : 3;
        if (train.RowCount < minimum)
        {
            throw new TableFormatException($"the training file has {train.RowCount} rows; at least {minimum} are needed.");
        }

        var detector = DetectorCatalog.Create(name, test.ColumnCount);
        detector.Fit(train.Rows);
        var output = new StringBuilder(test.RowCount * 16);
        for (var row = 0; row < test.RowCount; row++)
        {
            ct.ThrowIfCancellationRequested();
            var point = detector.Score(test.Rows[row]);
            output.Append(row.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Format(point.Score)).Append(',')
                .Append(point.Alarm ? '1' : '0').Append('\n');
        }

        await stdout.WriteAsync(output, ct);
        await stdout.FlushAsync(ct);
        return BacktestCommand.Ok;
    }

    internal static string Format(double score) =>
        (double.IsFinite(score) ? score : double.MaxValue).ToString("0.######", CultureInfo.InvariantCulture);
}
