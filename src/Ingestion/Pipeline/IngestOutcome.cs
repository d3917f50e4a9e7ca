namespace SafetyLedger.Ingestion.Pipeline;

/// <summary>
/// What became of a payload once everything is durable: readings stored, duplicates dropped, and the
/// readings (index in the payload; null for the whole payload) refused into the dead-letter store.
/// </summary>
public sealed record IngestOutcome(int Accepted, int Duplicates, IReadOnlyList<RejectedReading> Rejected)
{
    public bool FullyAccepted => Rejected.Count == 0;
}
