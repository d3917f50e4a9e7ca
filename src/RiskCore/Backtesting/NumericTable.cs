namespace SafetyLedger.RiskCore.Backtesting;

/// <summary>
/// A numeric matrix read from a file: input columns (samples in rows, time order), the label
/// columns kept apart, and the raw text of the first ignored column (usually a timestamp).
/// </summary>
public sealed record NumericTable(
    IReadOnlyList<string> Columns,
    IReadOnlyList<double[]> Rows,
    IReadOnlyDictionary<string, IReadOnlyList<double>> Labels,
    IReadOnlyList<string>? Timestamps)
{
    public int ColumnCount => Columns.Count;

    public int RowCount => Rows.Count;

    /// <summary>The same data with rows and columns swapped (labels and timestamps dropped).</summary>
    public NumericTable Transposed()
    {
        var rows = new double[ColumnCount][];
        for (var c = 0; c < ColumnCount; c++)
        {
            rows[c] = new double[RowCount];
            for (var r = 0; r < RowCount; r++)
            {
                rows[c][r] = Rows[r][c];
            }
        }

        var columns = Enumerable.Range(0, RowCount).Select(i => "v" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        return new NumericTable(columns, rows, new Dictionary<string, IReadOnlyList<double>>(StringComparer.Ordinal), Timestamps: null);
    }

    /// <summary>Rows <paramref name="start"/> .. <paramref name="start"/>+<paramref name="count"/>-1 with their labels.</summary>
    public NumericTable Slice(int start, int count)
    {
        var labels = Labels.ToDictionary(
            pair => pair.Key,
            pair => (IReadOnlyList<double>)pair.Value.Skip(start).Take(count).ToArray(),
            StringComparer.Ordinal);
        return new NumericTable(Columns, Rows.Skip(start).Take(count).ToArray(), labels, Timestamps?.Skip(start).Take(count).ToArray());
    }
}
