namespace SafetyLedger.RiskCore.Pipeline;

/// <summary>A readings file is not in the expected CSV form; the message names the line.</summary>
public sealed class ReadingFormatException : FormatException
{
    public ReadingFormatException()
    {
    }

    public ReadingFormatException(string message) : base(message)
    {
    }

    public ReadingFormatException(string message, Exception innerException) : base(message, innerException)
    {
    }
}
