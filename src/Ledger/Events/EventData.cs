namespace SafetyLedger.Ledger.Events;

/// <summary>An event to append. <paramref name="Payload"/> is a UTF-8 JSON value; it is validated and embedded as-is.</summary>
public sealed record EventData(
    string EventType,
    string Tenant,
    DateTimeOffset OccurredAt,
    ReadOnlyMemory<byte> Payload,
    EventMetadata? Metadata = null);
