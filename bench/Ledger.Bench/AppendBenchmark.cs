using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using SafetyLedger.Ledger.Events;
using SafetyLedger.Ledger.Storage;
using SafetyLedger.Ledger.Storage.Sqlite;

namespace SafetyLedger.Ledger.Bench;

/// <summary>
/// Durable batched append through the ledger (JSON encoding, SHA-256 leaves, Merkle nodes, group
/// commit, fsync) against a raw SQLite insert of the same entry bytes with the same durability,
/// in the same run.
/// </summary>
internal static class AppendBenchmark
{
    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var entries = arguments.Long("entries", 200_000);
        var batch = (int)arguments.Long("batch", 1_000);
        var root = arguments.Directory("append");
        var stamp = new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero);
        var bytes = Enumerable.Range(0, (int)entries)
            .Select(i => EntryCodec.Encode(i, $"telemetry-{i % 10}", i / 10, BenchEvents.Digest(i), stamp))
            .ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"entries {entries:N0}, batch {batch}, mean entry {bytes.Average(b => b.Length):F0} bytes, synchronous FULL, WAL"));

        CpuBreakdown(entries, stamp);
        double bestRaw = 0, bestLedger = 0;
        long storeBytes = 0;
        for (var round = 0; round < 3; round++)
        {
            Reset(root);
            bestRaw = Math.Max(bestRaw, RawInsert(Path.Combine(root, "raw.db"), bytes, batch));
            Reset(root);
            var (rate, size) = await LedgerAppendAsync(root, entries, batch);
            bestLedger = Math.Max(bestLedger, rate);
            storeBytes = size;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}: raw {bestRaw:N0}/s, ledger {rate:N0}/s"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"raw SQLite insert:      {bestRaw:N0} entries/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ledger durable append:  {bestLedger:N0} entries/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio ledger/raw:       {bestLedger / bestRaw:F2}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"store size:             {storeBytes * 1_000_000.0 / entries / (1 << 20):F0} MiB per million entries"));
        Reset(root);
        return 0;
    }

    /// <summary>Per-entry CPU cost of the ledger's own work, without SQLite.</summary>
    private static void CpuBreakdown(long entries, DateTimeOffset stamp)
    {
        var events = Enumerable.Range(0, (int)entries).Select(i => BenchEvents.Digest(i)).ToList();
        var watch = Stopwatch.StartNew();
        var encoded = new List<byte[]>(events.Count);
        for (var i = 0; i < events.Count; i++)
        {
            encoded.Add(EntryCodec.Encode(i, "telemetry-1", i, events[i], stamp));
        }

        var encode = watch.Elapsed;
        watch.Restart();
        var leaves = encoded.Select(b => SafetyLedger.Ledger.Merkle.MerkleHash.Leaf(b)).ToList();
        var hash = watch.Elapsed;
        watch.Restart();
        var frontier = new SafetyLedger.Ledger.Merkle.MerkleFrontier();
        var nodes = new List<SafetyLedger.Ledger.Merkle.MerkleNode>();
        foreach (var leaf in leaves)
        {
            frontier.Append(leaf, nodes);
        }

        var tree = watch.Elapsed;
        double PerEntry(TimeSpan t) => t.TotalMilliseconds * 1000 / entries;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cpu per entry: encode {PerEntry(encode):F2} µs, leaf hash {PerEntry(hash):F2} µs, frontier {PerEntry(tree):F2} µs"));
    }

    private static void Reset(string root)
    {
        SqliteConnection.ClearAllPools();
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        Directory.CreateDirectory(root);
    }

    private static double RawInsert(string path, List<byte[]> bytes, int batch)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE raw (id INTEGER PRIMARY KEY, bytes BLOB NOT NULL);";
            pragma.ExecuteNonQuery();
        }

        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO raw (id, bytes) VALUES ($id, $bytes)";
        var id = insert.Parameters.Add("$id", SqliteType.Integer);
        var blob = insert.Parameters.Add("$bytes", SqliteType.Blob);
        var watch = Stopwatch.StartNew();
        for (var start = 0; start < bytes.Count; start += batch)
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            for (var i = start; i < Math.Min(start + batch, bytes.Count); i++)
            {
                id.Value = i;
                blob.Value = bytes[i];
                insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }

        return bytes.Count / watch.Elapsed.TotalSeconds;
    }

    private static async Task<(double Rate, long Size)> LedgerAppendAsync(string root, long entries, int batch)
    {
        var options = new LedgerStorageOptions { DataDirectory = root, Synchronous = SynchronousMode.Full };
        var watch = new Stopwatch();
        await using (var store = SqliteLedgerStore.Open(options, TimeProvider.System, NullLogger<SqliteLedgerStore>.Instance))
        {
            var batches = new List<List<AppendRequest>>();
            for (long first = 0; first < entries; first += batch)
            {
                batches.Add(BenchEvents.Batch(first, batch, streams: 10));
            }

            watch.Start();
            foreach (var requests in batches)
            {
                await store.AppendAsync(requests, CancellationToken.None);
            }

            watch.Stop();
        }

        SqliteConnection.ClearAllPools();
        var size = new DirectoryInfo(root).GetFiles("ledger.db*").Sum(f => f.Length);
        return (entries / watch.Elapsed.TotalSeconds, size);
    }
}
