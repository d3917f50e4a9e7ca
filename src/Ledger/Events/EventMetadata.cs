namespace SafetyLedger.Ledger.Events;

/// <summary>Who and what caused an event. Keep personal data out: reference people by id.</summary>
public sealed record EventMetadata(string? Actor = null, string? CorrelationId = null, string? CausationId = null, int SchemaVersion = 1)
{
    public static EventMetadata None { get; } = new();
}
