namespace SafetyLedger.Ingestion.HandOff;

/// <summary>
/// Validated, stored readings for the risk core, per sensor in order of corrected time. The stream is
/// bounded: a reader that falls behind slows ingestion down (and so the acknowledgements to senders)
/// rather than losing readings.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Naming", "CA1711", Justification = "The name is the contract with the risk core; it is a stream of readings, not a System.IO.Stream.")]
public interface IReadingStream
{
    IAsyncEnumerable<ValidatedReading> ReadAllAsync(CancellationToken cancellationToken);
}
