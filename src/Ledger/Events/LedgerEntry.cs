namespace SafetyLedger.Ledger.Events;

/// <summary>
/// An entry as stored: <see cref="Bytes"/> are the canonical UTF-8 JSON that was hashed into the
/// Merkle log; every other property is decoded from them.
/// </summary>
public sealed record LedgerEntry(
    long Position,
    string StreamId,
    long StreamVersion,
    string EventType,
    string Tenant,
    DateTimeOffset OccurredAt,
    DateTimeOffset RecordedAt,
    ReadOnlyMemory<byte> Payload,
    EventMetadata Metadata,
    ReadOnlyMemory<byte> Bytes);
