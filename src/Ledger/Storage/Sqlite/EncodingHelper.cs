using System.Collections.Concurrent;

namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>
/// The pipeline's second encoding thread: a dedicated background thread that helps with each posted
/// commit's chunks. Dedicated rather than pooled so that a busy thread pool never delays it and the
/// pool's idle spinning does not burn a shared core between commits.
/// </summary>
internal sealed class EncodingHelper : IDisposable
{
    private readonly BlockingCollection<ChunkClaims> work = [];
    private readonly ChunkEncoder encoder;
    private readonly Thread thread;
    private int disposed;

    public EncodingHelper(AppendTimings timings)
    {
        encoder = new ChunkEncoder(timings);
        thread = new Thread(Run) { IsBackground = true, Name = "ledger-encoder" };
        thread.Start();
    }

    public void Post(ChunkClaims claims) => work.Add(claims);

    /// <summary>Lets the thread finish and joins it; a second call (a store disposed twice) does nothing.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        work.CompleteAdding();
        thread.Join();
        work.Dispose();
        encoder.Dispose();
    }

    private void Run()
    {
        foreach (var claims in work.GetConsumingEnumerable())
        {
            claims.Help(encoder);
        }
    }
}
