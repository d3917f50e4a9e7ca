namespace SafetyLedger.Ingestion.Telemetry;

/// <summary>A batch about to be sealed: which readings, their range, statistics and digest.</summary>
public sealed record BatchDraft(
    string Tenant,
    string SensorId,
    DateTimeOffset From,
    DateTimeOffset To,
    IReadOnlyList<long> ReadingIds,
    double Min,
    double Max,
    double Mean,
    string Unit,
    string Sha256);
