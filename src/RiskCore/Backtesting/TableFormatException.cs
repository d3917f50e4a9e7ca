namespace SafetyLedger.RiskCore.Backtesting;

/// <summary>A file that cannot be read as a numeric matrix.</summary>
public sealed class TableFormatException : Exception
{
    public TableFormatException()
    {
    }

    public TableFormatException(string message)
        : base(message)
    {
    }

    public TableFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
