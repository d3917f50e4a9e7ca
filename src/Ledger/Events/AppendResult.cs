namespace SafetyLedger.Ledger.Events;

/// <summary>Where an append landed: global positions [FirstPosition, LastPosition] and the stream's new last version.</summary>
public sealed record AppendResult(long FirstPosition, long LastPosition, long StreamVersion);
