using System.Diagnostics;
using SafetyLedger.Ledger.Events;
using SafetyLedger.Ledger.Merkle;

namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>
/// One thread's canonical encoder and SHA-256 context: encodes entries into a chunk, hashes their leaves
/// and, for a full aligned chunk, its whole Merkle subtree.
/// </summary>
internal sealed class ChunkEncoder(AppendTimings timings) : IDisposable
{
    private readonly EntryEncoder encoder = new();

    public MerkleHasher Hasher { get; } = new();

    public void Encode(EncodedChunk chunk, IReadOnlyList<StagedEntry> entries, int start, int count, DateTimeOffset recordedAt)
    {
        var started = Stopwatch.GetTimestamp();
        chunk.Reset(entries[start].Position);
        for (var i = start; i < start + count; i++)
        {
            var entry = entries[i];
            encoder.EncodeTo(chunk.Writer, entry.Position, entry.StreamId, entry.StreamVersion, entry.Data, recordedAt);
            var index = chunk.EndEntry();
            Hasher.Leaf(chunk.Entry(index), chunk.LeafSlot(index));
        }

        chunk.HashSubtree(Hasher);
        timings.Add(AppendPhase.Encode, started);
    }

    public void Dispose()
    {
        encoder.Dispose();
        Hasher.Dispose();
    }
}
