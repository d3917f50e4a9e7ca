namespace SafetyLedger.Ingestion.Telemetry;

/// <summary>A stored reading with its row id and the sealed batch it belongs to, once sealed.</summary>
public sealed record StoredReading(long Id, TelemetryReading Reading, long? BatchId);
