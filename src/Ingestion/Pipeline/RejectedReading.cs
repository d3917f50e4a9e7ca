namespace SafetyLedger.Ingestion.Pipeline;

/// <summary>A refused reading: its index in the payload (null when the whole payload was refused) and why.</summary>
public sealed record RejectedReading(int? Index, string Reason, string Detail);
