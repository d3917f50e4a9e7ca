using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using SafetyLedger.Ledger.Events;
using SafetyLedger.Ledger.Storage;
using SafetyLedger.Ledger.Storage.Sqlite;

namespace SafetyLedger.Ledger.Bench;

/// <summary>
/// Why a ledger COMMIT takes longer than a raw one on a shared machine: interleaves, batch by batch, a raw
/// insert of 1,000 entries, the same raw insert after spending the ledger's CPU per entry on the same
/// thread (three SHA-256 of the entry), and a ledger append of 1,000 entries, and reports each one's
/// COMMIT time (fsync included). Interleaving cancels the drift of the disk's latency.
/// </summary>
internal static class CommitProbe
{
    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var batches = (int)arguments.Long("batches", 150);
        var root = arguments.Directory("commit-probe");
        if (Directory.Exists(root))
        {
            Directory.Delete(root, recursive: true);
        }

        Directory.CreateDirectory(root);
        var entry = BenchEvents.Reading(1).Payload.ToArray().Concat(new byte[250]).ToArray();
        using var raw = RawTable(Path.Combine(root, "raw.db"));
        using var busy = RawTable(Path.Combine(root, "busy.db"));
        using var rawInsert = new NativeInsert(raw, "INSERT INTO raw (id, bytes) VALUES (?1, ?2)");
        using var busyInsert = new NativeInsert(busy, "INSERT INTO raw (id, bytes) VALUES (?1, ?2)");
        var (rawTimes, busyTimes, ledgerTimes) = (new List<double>(), new List<double>(), new List<double>());
        await using (var store = SqliteLedgerStore.Open(new LedgerStorageOptions { DataDirectory = Path.Combine(root, "ledger") }, TimeProvider.System, NullLogger<SqliteLedgerStore>.Instance))
        {
            for (var b = 0; b < batches; b++)
            {
                rawTimes.Add(Commit(raw, rawInsert, b * 1_000L, entry, spend: false));
                busyTimes.Add(Commit(busy, busyInsert, b * 1_000L, entry, spend: true));
                var before = store.Timings[AppendPhase.Commit];
                await store.AppendAsync(BenchEvents.Batch(b * 1_000L, 1_000, streams: 10, BenchEvents.Reading), CancellationToken.None);
                ledgerTimes.Add((store.Timings[AppendPhase.Commit] - before).TotalMilliseconds);
            }
        }

        var load = (await File.ReadAllTextAsync("/proc/loadavg")).Trim();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"COMMIT ms per 1,000-entry batch, median (p25-p75) of {batches} interleaved batches, load {load}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  raw insert:                 {Quartiles(rawTimes)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  raw insert after CPU work:  {Quartiles(busyTimes)}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  ledger append:              {Quartiles(ledgerTimes)}"));
        SqliteConnection.ClearAllPools();
        Directory.Delete(root, recursive: true);
        return 0;
    }

    private static SqliteConnection RawTable(string path)
    {
        var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; CREATE TABLE raw (id INTEGER PRIMARY KEY, bytes BLOB NOT NULL);";
        command.ExecuteNonQuery();
        return connection;
    }

    private static double Commit(SqliteConnection connection, NativeInsert insert, long first, byte[] entry, bool spend)
    {
        using var transaction = connection.BeginTransaction();
        Span<byte> hash = stackalloc byte[32];
        for (var i = 0; i < 1_000; i++)
        {
            insert.Execute(first + i, entry);
            for (var k = 0; spend && k < 3; k++)
            {
                SHA256.HashData(entry, hash);
            }
        }

        var watch = Stopwatch.StartNew();
        transaction.Commit();
        return watch.Elapsed.TotalMilliseconds;
    }

    private static string Quartiles(List<double> times)
    {
        var sorted = times.Order().ToList();
        return string.Create(CultureInfo.InvariantCulture, $"{sorted[sorted.Count / 2]:F2} ({sorted[sorted.Count / 4]:F2}-{sorted[sorted.Count * 3 / 4]:F2})");
    }
}
