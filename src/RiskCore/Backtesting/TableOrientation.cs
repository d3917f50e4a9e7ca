namespace SafetyLedger.RiskCore.Backtesting;

/// <summary>
/// The transposition rule for training files stored variables-in-rows (TEP d00.dat is 52 × 500):
/// a training matrix is read transposed when it has more columns than rows, its row count equals
/// the test file's column count and its column count does not.
/// </summary>
public static class TableOrientation
{
    public static bool IsTransposed(NumericTable train, int testColumns)
    {
        ArgumentNullException.ThrowIfNull(train);
        return train.ColumnCount > train.RowCount && train.RowCount == testColumns && train.ColumnCount != testColumns;
    }

    public static NumericTable Align(NumericTable train, int testColumns) =>
        IsTransposed(train, testColumns) ? train.Transposed() : train;
}
