namespace SafetyLedger.Ingestion.Telemetry;

/// <summary>
/// A batch about to be sealed: one sensor's readings with corrected time in [<paramref name="From"/>,
/// <paramref name="To"/>] and row id in [<paramref name="FirstId"/>, <paramref name="LastId"/>] — <paramref name="Count"/>
/// of them — with their statistics and digest.
/// </summary>
public sealed record BatchDraft(
    string Tenant,
    string SensorId,
    DateTimeOffset From,
    DateTimeOffset To,
    long FirstId,
    long LastId,
    int Count,
    double Min,
    double Max,
    double Mean,
    string Unit,
    string Sha256);
