using System.Diagnostics;

namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>
/// One commit's entries cut into chunks that two threads encode, at positions that are multiples of the
/// chunk capacity (so the first and last chunk may be short and every other one is a whole Merkle
/// subtree, see <see cref="EncodedChunk.HashSubtree"/>): each thread claims the next
/// unclaimed chunk; the writer takes the chunks in order and, while the next one is still being
/// encoded by the helper, claims and encodes a later one itself instead of waiting.
/// </summary>
internal sealed class ChunkClaims : IDisposable
{
    private readonly IReadOnlyList<StagedEntry> entries;
    private readonly DateTimeOffset recordedAt;
    private readonly EncodedChunk[] chunks;
    private readonly AppendTimings timings;
    private readonly ManualResetEventSlim[] ready;
    private readonly bool[] done;
    private readonly ManualResetEventSlim idle = new(initialState: true, spinCount: 0);
    private int claimed = -1;
    private int helping;
    private Exception? failure;

    public ChunkClaims(IReadOnlyList<StagedEntry> entries, DateTimeOffset recordedAt, EncodedChunk[] chunks, AppendTimings timings)
    {
        this.entries = entries;
        this.recordedAt = recordedAt;
        this.chunks = chunks;
        this.timings = timings;
        ready = chunks.Select(_ => new ManualResetEventSlim(initialState: false, spinCount: 0)).ToArray();
        done = new bool[chunks.Length];
    }

    /// <summary>
    /// The helper thread: encodes unclaimed chunks until none is left. A helper that starts after
    /// <see cref="Stop"/> (or after the writer claimed everything) touches nothing.
    /// </summary>
    public void Help(ChunkEncoder encoder)
    {
        Interlocked.Increment(ref helping);
        try
        {
            if (Volatile.Read(ref claimed) >= chunks.Length - 1)
            {
                return;
            }

            idle.Reset();
            HelpWhileWork(encoder);
            idle.Set();
        }
        finally
        {
            Interlocked.Decrement(ref helping);
        }
    }

    /// <summary>The writer: chunk <paramref name="index"/> once encoded, encoding later ones meanwhile.</summary>
    public EncodedChunk Take(int index, ChunkEncoder encoder)
    {
        while (!ready[index].IsSet && TryEncodeNext(encoder))
        {
        }

        var waiting = Stopwatch.GetTimestamp();
        ready[index].Wait();
        timings.Add(AppendPhase.WriterWaiting, waiting);
        if (!Volatile.Read(ref done[index]))
        {
            throw new InvalidOperationException("Encoding the commit's entries failed.", Volatile.Read(ref failure));
        }

        return chunks[index];
    }

    /// <summary>
    /// Stops further claims and waits until the helper is not inside a chunk, so that the chunks and its
    /// encoder can be reused. A helper that has not picked this commit up yet is not waited for: when it
    /// does, it finds nothing left to claim and touches nothing.
    /// </summary>
    public void Stop()
    {
        Interlocked.Exchange(ref claimed, chunks.Length);
        while (Volatile.Read(ref helping) > 0)
        {
            idle.Wait();
        }
    }

    /// <summary>How many chunks of <paramref name="capacity"/> the entries span once cut at multiples of it.</summary>
    public static int ChunkCount(IReadOnlyList<StagedEntry> entries, int capacity) =>
        entries.Count == 0 ? 0 : (int)(((entries[0].Position % capacity) + entries.Count + capacity - 1) / capacity);

    public void Dispose()
    {
        foreach (var signal in ready)
        {
            signal.Dispose();
        }

        idle.Dispose();
    }

    /// <summary>Chunk <paramref name="index"/>'s entries [start, end): cut where positions are multiples of <paramref name="capacity"/>.</summary>
    private static (int Start, int End) Bounds(IReadOnlyList<StagedEntry> entries, int capacity, int index)
    {
        var lead = (int)(entries[0].Position % capacity);
        return (Math.Max(0, (index * capacity) - lead), Math.Min(entries.Count, ((index + 1) * capacity) - lead));
    }

    private void HelpWhileWork(ChunkEncoder encoder)
    {
        try
        {
            while (TryEncodeNext(encoder))
            {
            }
        }
#pragma warning disable CA1031 // Handed to the writer, which rethrows it; the helper must never leave the writer waiting.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            Volatile.Write(ref failure, ex);
            foreach (var signal in ready)
            {
                signal.Set();
            }
        }
    }

    private bool TryEncodeNext(ChunkEncoder encoder)
    {
        var index = Interlocked.Increment(ref claimed);
        if (index >= chunks.Length)
        {
            return false;
        }

        var (start, end) = Bounds(entries, chunks[index].Capacity, index);
        encoder.Encode(chunks[index], entries, start, end - start, recordedAt);
        Volatile.Write(ref done[index], true);
        ready[index].Set();
        return true;
    }
}
