using System.Collections.Concurrent;
using System.Security.Cryptography;
using SafetyLedger.Ledger.Events;
using SafetyLedger.Ledger.Merkle;

namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>
/// Encodes staged entries, hashes their leaves and grows the Merkle frontier, in position order.
/// For large commits this runs on a second thread, one chunk ahead of the SQLite inserts, so that
/// encoding and hashing overlap with writing instead of adding to it.
/// </summary>
internal sealed class EncodingPipeline(MerkleFrontier frontier) : IDisposable
{
    private const int ChunkSize = 128;
    private const int ParallelThreshold = 2 * ChunkSize;

    private readonly EntryEncoder encoder = new();
    private readonly IncrementalHash leafHasher = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly List<MerkleNode> completed = [];

    /// <summary>The frontier the pipeline grows; replaced when a failed commit restores it.</summary>
    public MerkleFrontier Frontier { get; set; } = frontier;

    public IEnumerable<EncodedChunk> Encode(IReadOnlyList<StagedEntry> entries, DateTimeOffset recordedAt)
    {
        if (entries.Count < ParallelThreshold)
        {
            yield return EncodeChunk(entries, 0, entries.Count, recordedAt);
            yield break;
        }

        using var queue = new BlockingCollection<EncodedChunk>(boundedCapacity: 4);
        using var stop = new CancellationTokenSource();
        var producer = Task.Run(
            () =>
            {
                try
                {
                    for (var start = 0; start < entries.Count; start += ChunkSize)
                    {
                        queue.Add(EncodeChunk(entries, start, Math.Min(ChunkSize, entries.Count - start), recordedAt), stop.Token);
                    }
                }
                finally
                {
                    queue.CompleteAdding();
                }
            },
            CancellationToken.None);
        try
        {
            foreach (var chunk in queue.GetConsumingEnumerable(CancellationToken.None))
            {
                yield return chunk;
            }
        }
        finally
        {
            stop.Cancel();
            try
            {
#pragma warning disable VSTHRD002 // The ledger's writer runs on its own thread; it waits for its encoder, never for a UI context.
                producer.Wait(CancellationToken.None);
#pragma warning restore VSTHRD002
            }
            catch (AggregateException ex) when (ex.InnerExceptions.All(e => e is OperationCanceledException))
            {
                // The consumer stopped early (a failed insert); the encoder was told to stop.
            }
        }
    }

    public void Dispose()
    {
        encoder.Dispose();
        leafHasher.Dispose();
    }

    private EncodedChunk EncodeChunk(IReadOnlyList<StagedEntry> entries, int start, int count, DateTimeOffset recordedAt)
    {
        var bytes = new byte[count][];
        var nodes = new List<byte[]>(count * 2);
        for (var i = 0; i < count; i++)
        {
            var entry = entries[start + i];
            bytes[i] = encoder.Encode(entry.Position, entry.StreamId, entry.StreamVersion, entry.Data, recordedAt);
            completed.Clear();
            Frontier.Append(MerkleHash.Leaf(leafHasher, bytes[i]), completed);
            foreach (var node in completed)
            {
                nodes.Add(node.Hash);
            }
        }

        return new EncodedChunk(entries[start].Position, bytes, nodes);
    }
}
