namespace SafetyLedger.Ledger.Events;

/// <summary>An append's expected version did not match the stream; nothing of that append was written.</summary>
public sealed class WrongExpectedVersionException : Exception
{
    public WrongExpectedVersionException(string streamId, ExpectedVersion expected, long actual)
        : base($"Stream '{streamId}' is at version {(actual < 0 ? "none" : actual)}, but the append expected {expected}.")
    {
        StreamId = streamId;
        Expected = expected;
        ActualVersion = actual;
    }

    public WrongExpectedVersionException()
    {
        StreamId = string.Empty;
    }

    public WrongExpectedVersionException(string message) : base(message)
    {
        StreamId = string.Empty;
    }

    public WrongExpectedVersionException(string message, Exception innerException) : base(message, innerException)
    {
        StreamId = string.Empty;
    }

    public string StreamId { get; }

    public ExpectedVersion Expected { get; }

    /// <summary>The stream's last version when the append was tried; -1 when the stream did not exist.</summary>
    public long ActualVersion { get; }
}
