namespace SafetyLedger.Ingestion.Telemetry;

/// <summary>A stored reading with its row id.</summary>
public sealed record StoredReading(long Id, TelemetryReading Reading);
