namespace SafetyLedger.Ingestion.Pipeline;

/// <summary>A payload split into readings, or the rejection of the payload as a whole.</summary>
public sealed record ParsedPayload(IReadOnlyList<IncomingReading> Readings, Rejection? Rejection);
