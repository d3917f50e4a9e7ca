namespace SafetyLedger.Ledger.Anchoring;

/// <summary>
/// An anchor as the ledger keeps it: the chain's <paramref name="Record"/> (whose tree size is the anchored
/// checkpoint's), the <paramref name="Confirmations"/> it had when recorded, when we recorded it, and the
/// log's signed <see cref="AnchorStatement"/> over the record, which lets an auditor check the fields offline.
/// </summary>
public sealed record StoredAnchor(AnchorRecord Record, long Confirmations, DateTimeOffset RecordedAt, string Statement);
