namespace SafetyLedger.Ingestion.Pipeline;

/// <summary>
/// One reading as parsed from a payload, before validation: its index in the payload, its raw JSON,
/// its fields, or the rejection that its shape already earned.
/// </summary>
public sealed record IncomingReading(
    int Index,
    ReadOnlyMemory<byte> Raw,
    SensorAddress? Address,
    DateTimeOffset SourceTime,
    double Value,
    string Unit,
    long? Sequence,
    string? Quality,
    Rejection? Rejection);
