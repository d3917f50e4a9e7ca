namespace SafetyLedger.Ingestion.Telemetry;

/// <summary>
/// A sealed batch of one sensor's readings: its time range (by corrected time), statistics, the
/// SHA-256 of its canonical bytes (hex), its version in stream <c>telemetry-{tenant}-{sensorId}</c>
/// and, once appended, the ledger position of its <c>TelemetryBatchSealed</c> entry.
/// </summary>
public sealed record TelemetryBatch(
    long Id,
    string Tenant,
    string SensorId,
    long StreamVersion,
    DateTimeOffset From,
    DateTimeOffset To,
    int Count,
    double Min,
    double Max,
    double Mean,
    string Unit,
    string Sha256,
    long? LedgerPosition);
