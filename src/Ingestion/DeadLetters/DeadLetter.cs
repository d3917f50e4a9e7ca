namespace SafetyLedger.Ingestion.DeadLetters;

/// <summary>
/// Input that was refused, kept with its raw bytes and a precise reason: what arrived, how
/// (<c>mqtt</c> or <c>http</c>), on which topic, for whom (as far as known) and why.
/// </summary>
public sealed record DeadLetter(
    DateTimeOffset ReceivedAt,
    string Transport,
    string? Topic,
    string? Tenant,
    string? Site,
    string? SensorId,
    string Reason,
    string Detail,
    ReadOnlyMemory<byte> Payload);
