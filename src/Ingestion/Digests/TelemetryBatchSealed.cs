namespace SafetyLedger.Ingestion.Digests;

/// <summary>
/// The payload of a <c>TelemetryBatchSealed</c> ledger entry: which batch, its corrected-time range
/// [<see cref="From"/>, <see cref="To"/>], statistics and the SHA-256 (hex) of its canonical bytes
/// in <see cref="Encoding"/>.
/// </summary>
public sealed record TelemetryBatchSealed(
    long BatchId,
    string SensorId,
    DateTimeOffset From,
    DateTimeOffset To,
    int Count,
    double Min,
    double Max,
    double Mean,
    string Unit,
    string Sha256,
    string Encoding)
{
    public const string EventType = "TelemetryBatchSealed";

    public static string StreamId(string tenant, string sensorId) => $"telemetry-{tenant}-{sensorId}";
}
