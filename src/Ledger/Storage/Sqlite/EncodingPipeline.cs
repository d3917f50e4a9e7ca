using System.Diagnostics;
using SafetyLedger.Ledger.Merkle;

namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>
/// Encodes staged entries and hashes their leaves, and each full aligned chunk's 63 interior nodes, on two
/// threads (the writer and a dedicated helper, chunk by chunk, see <see cref="ChunkClaims"/>), then grows the
/// Merkle frontier in position order on the writer: a full chunk as one subtree root, a commit's short
/// first and last chunks leaf by leaf. So the writer's inserts overlap with the helper's hashing and
/// neither thread idles while entries remain to encode.
/// </summary>
internal sealed class EncodingPipeline(MerkleFrontier frontier, AppendTimings timings) : IDisposable
{
    /// <summary>Chunks are perfect subtrees of this height when full (see <see cref="EncodedChunk.HashSubtree"/>).</summary>
    private const int SubtreeLevel = 6;

    private const int ChunkSize = 1 << SubtreeLevel;

    /// <summary>Chunks kept for reuse: enough for commits of 4,096 entries at any alignment; larger commits allocate the rest.</summary>
    private const int MaxPooledChunks = 65;

    /// <summary>A chunk whose entry buffer grew past this (huge payloads) is dropped rather than kept.</summary>
    private const int MaxPooledChunkBytes = 1 << 20;

    private readonly ChunkEncoder writerEncoder = new(timings);
    private readonly EncodingHelper helper = new(timings);
    /// <summary>Reusable chunks; only the writer thread rents and returns them.</summary>
    private readonly Stack<EncodedChunk> free = new();

    /// <summary>The frontier the pipeline grows; replaced when a failed commit restores it.</summary>
    public MerkleFrontier Frontier { get; set; } = frontier;

    /// <summary>The entries' chunks in position order with their Merkle nodes; each chunk is valid until the next one is asked for.</summary>
    public IEnumerable<EncodedChunk> Encode(IReadOnlyList<StagedEntry> entries, DateTimeOffset recordedAt)
    {
        var chunks = new EncodedChunk[ChunkClaims.ChunkCount(entries, ChunkSize)];
        for (var i = 0; i < chunks.Length; i++)
        {
            chunks[i] = free.TryPop(out var chunk) ? chunk : new EncodedChunk(ChunkSize);
        }

        using var claims = new ChunkClaims(entries, recordedAt, chunks, timings);
        if (chunks.Length > 1)
        {
            helper.Post(claims);
        }

        try
        {
            for (var i = 0; i < chunks.Length; i++)
            {
                var chunk = claims.Take(i, writerEncoder);
                GrowFrontier(chunk);
                yield return chunk;
                if (free.Count < MaxPooledChunks && chunk.BufferBytes <= MaxPooledChunkBytes)
                {
                    free.Push(chunk);
                }
            }
        }
        finally
        {
            claims.Stop();
        }
    }

    public void Dispose()
    {
        writerEncoder.Dispose();
        helper.Dispose();
    }

    private void GrowFrontier(EncodedChunk chunk)
    {
        var started = Stopwatch.GetTimestamp();
        if (chunk.IsSubtree)
        {
            chunk.AddNodes(Frontier.AppendSubtree(chunk.SubtreeRoot, SubtreeLevel, chunk.FreeNodes, writerEncoder.Hasher));
        }
        else
        {
            for (var i = 0; i < chunk.Count; i++)
            {
                chunk.AddNodes(Frontier.Append(chunk.Leaf(i), chunk.FreeNodes, writerEncoder.Hasher));
            }
        }

        timings.Add(AppendPhase.Merkle, started);
    }
}
