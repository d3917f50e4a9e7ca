namespace SafetyLedger.Ledger.Anchoring;

/// <summary>A signed transaction handed to the node: its hash, raw bytes (for rebroadcast) and nonce.</summary>
internal sealed record SentTransaction(string Hash, string RawHex, long Nonce, DateTimeOffset SentAt);
