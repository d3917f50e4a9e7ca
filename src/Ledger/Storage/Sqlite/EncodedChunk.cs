namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>Encoded entries in position order with their leaf hashes.</summary>
internal sealed record EncodedChunk(long FirstPosition, IReadOnlyList<byte[]> Entries, IReadOnlyList<byte[]> LeafHashes);
