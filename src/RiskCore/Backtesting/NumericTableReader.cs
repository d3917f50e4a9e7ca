using System.Globalization;

namespace SafetyLedger.RiskCore.Backtesting;

/// <summary>
/// Reads comma-, semicolon- or whitespace-separated numeric matrices. Rules (docs/riskcore.md):
/// the separator is ';' when the first line has one, else ',' when it has one, else whitespace;
/// the first line is a header when one of its fields is not a number while the same field of the
/// next line is (or when none of its fields is a number); a column whose first data value is not a
/// number is ignored (the first such column is kept as timestamps); columns named
/// <c>anomaly</c> or <c>changepoint</c> are labels, never inputs; every other value must be a finite number.
/// </summary>
public static class NumericTableReader
{
    private static readonly string[] LabelNames = ["anomaly", "changepoint"];

    public static async Task<NumericTable> ReadFileAsync(string path, CancellationToken cancellationToken)
    {
        string text;
        try
        {
            text = await File.ReadAllTextAsync(path, cancellationToken);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw new TableFormatException($"{path}: cannot read the file ({exception.Message}).", exception);
        }

        try
        {
            return Parse(text);
        }
        catch (TableFormatException exception)
        {
            throw new TableFormatException($"{path}: {exception.Message}", exception);
        }
    }

    public static NumericTable Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lines = text.Split('\n').Select(line => line.TrimEnd('\r')).Where(line => !string.IsNullOrWhiteSpace(line)).ToList();
        if (lines.Count == 0)
        {
            throw new TableFormatException("the file is empty.");
        }

        var separator = lines[0].Contains(';', StringComparison.Ordinal) ? ';' : lines[0].Contains(',', StringComparison.Ordinal) ? ',' : ' ';
        var fields = lines.Select(line => Split(line, separator)).ToList();
        var hasHeader = IsHeader(fields);
        var width = fields[0].Length;
        var names = hasHeader ? fields[0].Select(name => name.Trim('"')).ToArray() : Enumerable.Range(0, width).Select(i => "c" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var data = fields.Skip(hasHeader ? 1 : 0).ToList();
        if (data.Count == 0)
        {
            throw new TableFormatException("the file has no data rows.");
        }

        return Build(names, data, hasHeader ? 2 : 1);
    }

    private static NumericTable Build(string[] names, List<string[]> data, int firstLineNumber)
    {
        var numeric = data[0].Select(value => TryNumber(value, out _)).ToArray();
        var inputs = Enumerable.Range(0, names.Length).Where(c => numeric[c] && !IsLabel(names[c])).ToArray();
        var labelColumns = Enumerable.Range(0, names.Length).Where(c => numeric[c] && IsLabel(names[c])).ToArray();
        if (inputs.Length == 0)
        {
            throw new TableFormatException("the file has no numeric input column.");
        }

        var timestampColumn = Array.IndexOf(numeric, value: false);
        var rows = new double[data.Count][];
        var labels = labelColumns.ToDictionary(c => names[c].ToLowerInvariant(), _ => new double[data.Count], StringComparer.Ordinal);
        var timestamps = timestampColumn >= 0 ? new string[data.Count] : null;
        for (var r = 0; r < data.Count; r++)
        {
            var row = data[r];
            if (row.Length != names.Length)
            {
                throw new TableFormatException($"line {r + firstLineNumber} has {row.Length} fields, expected {names.Length}.");
            }

            rows[r] = inputs.Select(c => Number(row[c], r + firstLineNumber, names[c])).ToArray();
            foreach (var c in labelColumns)
            {
                labels[names[c].ToLowerInvariant()][r] = Number(row[c], r + firstLineNumber, names[c]);
            }

            timestamps?[r] = row[timestampColumn];
        }

        return new NumericTable(
            inputs.Select(c => names[c]).ToArray(),
            rows,
            labels.ToDictionary(pair => pair.Key, pair => (IReadOnlyList<double>)pair.Value, StringComparer.Ordinal),
            timestamps);
    }

    private static string[] Split(string line, char separator) => separator == ' '
        ? line.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)
        : line.Split(separator).Select(field => field.Trim()).ToArray();

    private static bool IsHeader(List<string[]> fields)
    {
        var first = fields[0];
        if (first.All(value => !TryNumber(value, out _)))
        {
            return true;
        }

        if (fields.Count < 2)
        {
            return false;
        }

        var second = fields[1];
        return first.Where((value, c) => c < second.Length && !TryNumber(value, out _) && TryNumber(second[c], out _)).Any();
    }

    private static bool IsLabel(string name) => LabelNames.Contains(name.Trim(), StringComparer.OrdinalIgnoreCase);

    private static bool TryNumber(string value, out double number) =>
        double.TryParse(value.Trim('"'), NumberStyles.Float, CultureInfo.InvariantCulture, out number) && double.IsFinite(number);

    private static double Number(string value, int line, string column) => TryNumber(value, out var number)
        ? number
        : throw new TableFormatException($"line {line}, column '{column}': '{value}' is not a number.");
}
