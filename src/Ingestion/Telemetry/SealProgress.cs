namespace SafetyLedger.Ingestion.Telemetry;

/// <summary>How far sealing has come: every reading with corrected time before <paramref name="Cutoff"/> and row id at most <paramref name="HighId"/> is in a batch.</summary>
public sealed record SealProgress(DateTimeOffset Cutoff, long HighId);
