namespace SafetyLedger.Ledger.Anchoring;

/// <summary>What the AnchorRegistry holds for an anchored <paramref name="Root"/>: its tree size and the block time it was stored at.</summary>
public sealed record AnchorLookup(byte[] Root, long TreeSize, DateTimeOffset AnchoredAt);
