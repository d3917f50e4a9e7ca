namespace SafetyLedger.Ledger.Events;

/// <summary>Events for one stream, appended only if the stream is at <paramref name="Expected"/>.</summary>
public sealed record AppendRequest(string StreamId, ExpectedVersion Expected, IReadOnlyList<EventData> Events);
