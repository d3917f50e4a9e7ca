namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>Encoded entries in position order and the Merkle node hashes they completed, in node-id order.</summary>
internal sealed record EncodedChunk(long FirstPosition, IReadOnlyList<byte[]> Entries, IReadOnlyList<byte[]> Nodes);
