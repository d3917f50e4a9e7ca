using System.Buffers;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using SafetyLedger.Ledger.Events;
using SafetyLedger.Ledger.Merkle;
using SafetyLedger.Ledger.Storage;
using SafetyLedger.Ledger.Storage.Sqlite;

namespace SafetyLedger.Ledger.Bench;

/// <summary>
/// Durable batched append through the ledger (JSON encoding, SHA-256 leaves, Merkle nodes, group
/// commit, fsync) against a raw SQLite insert of the same entry bytes with the same durability,
/// in the same run: once through Microsoft.Data.Sqlite commands (the usual .NET insert) and once
/// through SQLite's own API (what the ledger's hot inserts use).
/// </summary>
internal static class AppendBenchmark
{
    private const int Streams = 10;

    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var entries = arguments.Long("entries", 200_000);
        var batch = (int)arguments.Long("batch", 1_000);
        var root = arguments.Directory("append");
        var bytes = SameBytes(entries, batch);
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"entries {entries:N0}, batch {batch}, mean entry {bytes.Average(b => b.Length):F0} bytes, synchronous FULL, WAL, load {Load()}"));

        CpuBreakdown(entries);
        if (arguments.Has("cpu-only"))
        {
            return 0;
        }

        double bestRaw = 0, bestNative = 0, bestLedger = 0;
        LedgerRun? best = null;
        RawRun? bestNativeRun = null;
        for (var round = 0; round < 3; round++)
        {
            var (raw, native, run) = await RoundAsync(round, root, bytes, entries, batch);
            bestRaw = Math.Max(bestRaw, raw.Rate);
            if (native.Rate > bestNative)
            {
                bestNative = native.Rate;
                bestNativeRun = native;
            }

            if (run.Rate > bestLedger)
            {
                bestLedger = run.Rate;
                best = run;
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"round {round + 1}: raw {raw.Rate:N0}/s, raw native {native.Rate:N0}/s, ledger {run.Rate:N0}/s (load {Load()})"));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"raw SQLite insert (Microsoft.Data.Sqlite): {bestRaw:N0} entries/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"raw SQLite insert (native API):           {bestNative:N0} entries/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ledger durable append:                    {bestLedger:N0} entries/s"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio ledger/raw:                         {bestLedger / bestRaw:F2}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ratio ledger/raw native:                  {bestLedger / bestNative:F2}"));
        bestNativeRun?.Print(entries);
        best?.Print(entries);
        Reset(root);
        return 0;
    }

    /// <summary>One round of the three runs, in an order that rotates per round: the disk's fsync latency drifts with the other tenants' I/O.</summary>
    private static async Task<(RawRun Raw, RawRun Native, LedgerRun Ledger)> RoundAsync(int round, string root, List<byte[]> bytes, long entries, int batch)
    {
        RawRun raw = null!, native = null!;
        LedgerRun run = null!;
        for (var turn = 0; turn < 3; turn++)
        {
            Reset(root);
            switch ((round + turn) % 3)
            {
                case 0:
                    raw = RawInsert(Path.Combine(root, "raw.db"), bytes, batch, native: false);
                    break;
                case 1:
                    native = RawInsert(Path.Combine(root, "raw.db"), bytes, batch, native: true);
                    break;
                default:
                    run = await LedgerAppendAsync(root, entries, batch);
                    break;
            }
        }

        return (raw, native, run);
    }

    private static string Load() => File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

    /// <summary>The bytes the ledger run stores (positions, streams and versions as its batches assign them), for the raw inserts.</summary>
    private static List<byte[]> SameBytes(long entries, int batch)
    {
        var recordedAt = new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);
        var bytes = new List<byte[]>((int)entries);
        for (long first = 0; first < entries; first += batch)
        {
            foreach (var request in BenchEvents.Batch(first, batch, Streams, BenchEvents.Reading))
            {
                var version = (first / batch * (batch / Streams)) - 1;
                foreach (var data in request.Events)
                {
                    bytes.Add(EntryCodec.Encode(bytes.Count, request.StreamId, ++version, data, recordedAt));
                }
            }
        }

        return bytes;
    }

    /// <summary>
    /// Per-entry cost of each step of the ledger's own work on one thread, without SQLite: process CPU time
    /// (not wall time, which counts the time other tenants hold the cores), least of three passes.
    /// </summary>
    private static void CpuBreakdown(long entries)
    {
        var events = Enumerable.Range(0, (int)entries).Select(i => BenchEvents.Reading(i)).ToList();
        var recordedAt = DateTimeOffset.UtcNow;
        using var encoder = new EntryEncoder();
        using var hasher = new MerkleHasher();
        var buffer = new ArrayBufferWriter<byte>((int)entries * 320);
        var ends = new int[entries];
        var leaves = new byte[entries * MerkleHash.Size];
        var nodes = new byte[MerkleFrontier.MaxCompletedPerAppend * MerkleHash.Size];
        var validate = Least(() =>
        {
            foreach (var data in events)
            {
                EntryCodec.ValidatePayload(data);
            }
        });
        var encode = Least(() =>
        {
            buffer.ResetWrittenCount();
            for (var i = 0; i < events.Count; i++)
            {
                encoder.EncodeTo(buffer, i, "telemetry-1", i, events[i], recordedAt);
                ends[i] = buffer.WrittenCount;
            }
        });
        var hash = Least(() =>
        {
            for (var i = 0; i < events.Count; i++)
            {
                hasher.Leaf(buffer.WrittenSpan[(i == 0 ? 0 : ends[i - 1])..ends[i]], leaves.AsSpan(i * MerkleHash.Size, MerkleHash.Size));
            }
        });
        var tree = Least(() =>
        {
            var frontier = new MerkleFrontier();
            for (var i = 0; i < events.Count; i++)
            {
                frontier.Append(leaves.AsSpan(i * MerkleHash.Size, MerkleHash.Size), nodes, hasher);
            }
        });
        double PerEntry(TimeSpan t) => t.TotalMilliseconds * 1000 / entries;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"cpu per entry, one thread: validate {PerEntry(validate):F2} µs, encode {PerEntry(encode):F2} µs, leaf hash {PerEntry(hash):F2} µs, frontier and node hashes {PerEntry(tree):F2} µs (load {Load()})"));
    }

    private static TimeSpan Least(Action pass)
    {
        var least = TimeSpan.MaxValue;
        for (var i = 0; i < 3; i++)
        {
            var before = Process.GetCurrentProcess().TotalProcessorTime;
            pass();
            var spent = Process.GetCurrentProcess().TotalProcessorTime - before;
            least = spent < least ? spent : least;
        }

        return least;
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

    private static RawRun RawInsert(string path, List<byte[]> bytes, int batch, bool native)
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
        using var nativeInsert = new NativeInsert(connection, "INSERT INTO raw (id, bytes) VALUES (?1, ?2)");
        var commit = new Stopwatch();
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        for (var start = 0; start < bytes.Count; start += batch)
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            for (var i = start; i < Math.Min(start + batch, bytes.Count); i++)
            {
                if (native)
                {
                    nativeInsert.Execute(i, bytes[i]);
                }
                else
                {
                    id.Value = i;
                    blob.Value = bytes[i];
                    insert.ExecuteNonQuery();
                }
            }

            commit.Start();
            transaction.Commit();
            commit.Stop();
        }

        watch.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        return new RawRun(bytes.Count / watch.Elapsed.TotalSeconds, watch.Elapsed, cpu, commit.Elapsed);
    }

    private static async Task<LedgerRun> LedgerAppendAsync(string root, long entries, int batch)
    {
        var options = new LedgerStorageOptions { DataDirectory = root, Synchronous = SynchronousMode.Full };
        var watch = new Stopwatch();
        TimeSpan cpu;
        Dictionary<AppendPhase, TimeSpan> phases;
        await using (var store = SqliteLedgerStore.Open(options, TimeProvider.System, NullLogger<SqliteLedgerStore>.Instance))
        {
            var batches = new List<List<AppendRequest>>();
            for (long first = 0; first < entries; first += batch)
            {
                batches.Add(BenchEvents.Batch(first, batch, Streams, BenchEvents.Reading));
            }

            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            watch.Start();
            foreach (var requests in batches)
            {
                await store.AppendAsync(requests, CancellationToken.None);
            }

            watch.Stop();
            cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            phases = Enum.GetValues<AppendPhase>().ToDictionary(p => p, p => store.Timings[p]);
        }

        SqliteConnection.ClearAllPools();
        var size = new DirectoryInfo(root).GetFiles("ledger.db*").Sum(f => f.Length);
        return new LedgerRun(entries / watch.Elapsed.TotalSeconds, watch.Elapsed, cpu, phases, size);
    }

    private sealed record RawRun(double Rate, TimeSpan Wall, TimeSpan Cpu, TimeSpan Commit)
    {
        public void Print(long entries)
        {
            double PerEntry(TimeSpan t) => t.TotalMilliseconds * 1000 / entries;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"best raw native round: wall {PerEntry(Wall):F2} µs/entry, process CPU {PerEntry(Cpu):F2} µs/entry ({Cpu / Wall:F2} cores busy), Commit {PerEntry(Commit):F2} µs/entry"));
        }
    }

    private sealed record LedgerRun(double Rate, TimeSpan Wall, TimeSpan Cpu, Dictionary<AppendPhase, TimeSpan> Phases, long Size)
    {
        public void Print(long entries)
        {
            double PerEntry(TimeSpan t) => t.TotalMilliseconds * 1000 / entries;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"best ledger round: wall {PerEntry(Wall):F2} µs/entry, process CPU {PerEntry(Cpu):F2} µs/entry ({Cpu / Wall:F2} cores busy)"));
            foreach (var (phase, time) in Phases)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {phase,-15} {PerEntry(time),6:F2} µs/entry"));
            }

            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"store size: {Size * 1_000_000.0 / entries / (1 << 20):F0} MiB per million entries"));
        }
    }
}
