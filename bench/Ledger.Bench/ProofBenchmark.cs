using System.Diagnostics;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using SafetyLedger.Ledger.Merkle;
using SafetyLedger.Ledger.Storage;
using SafetyLedger.Ledger.Storage.Sqlite;

namespace SafetyLedger.Ledger.Bench;

/// <summary>Inclusion and consistency proof latency from the SQLite store at a given tree size.</summary>
internal static class ProofBenchmark
{
    public static async Task<int> RunAsync(BenchArguments arguments)
    {
        var size = arguments.Long("size", 1_000_000);
        var samples = (int)arguments.Long("samples", 100_000);
        var root = Path.Combine(arguments.Directory("proofs"), size.ToString(CultureInfo.InvariantCulture));
        var options = new LedgerStorageOptions { DataDirectory = root, Synchronous = SynchronousMode.Normal };
        await BuildAsync(options, size);
        SqliteConnection.ClearAllPools();
        var storeBytes = new DirectoryInfo(root).GetFiles("ledger.db*").Sum(f => f.Length);

        await using (var store = SqliteLedgerStore.Open(options, TimeProvider.System, NullLogger<SqliteLedgerStore>.Instance))
        {
            var random = new Random(42);
            var treeRoot = store.Root(size);
            Measure("inclusion", samples, () =>
            {
                var index = random.NextInt64(size);
                return (store.InclusionProof(index, size), index);
            }, (proof, index) => MerkleVerifier.VerifyInclusion(index, size, store.LeafHash(index), proof, treeRoot));
            Measure("consistency", samples, () =>
            {
                var size1 = 1 + random.NextInt64(size - 1);
                return (store.ConsistencyProof(size1, size), size1);
            }, (proof, size1) => MerkleVerifier.VerifyConsistency(size1, size, store.Root(size1), treeRoot, proof));
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"store: {storeBytes / (double)(1 << 20):N0} MiB for {size:N0} entries = {storeBytes * 1_000_000.0 / size / (1 << 20):F0} MiB per million"));
        if (!arguments.Has("keep"))
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(root, recursive: true);
        }

        return 0;
    }

    private static async Task BuildAsync(LedgerStorageOptions options, long size)
    {
        await using var store = SqliteLedgerStore.Open(options, TimeProvider.System, NullLogger<SqliteLedgerStore>.Instance);
        if (store.Count >= size)
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"reusing a store of {store.Count:N0} entries at {options.DataDirectory}"));
            return;
        }

        var watch = Stopwatch.StartNew();
        for (var first = store.Count; first < size; first += 1_000)
        {
            await store.AppendAsync(BenchEvents.Batch(first, (int)Math.Min(1_000, size - first), streams: 1), CancellationToken.None);
            if (first % 1_000_000 == 0 && first > 0)
            {
                await Console.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"built {first:N0} in {watch.Elapsed.TotalSeconds:F0} s"));
            }
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"built {size:N0} entries in {watch.Elapsed.TotalSeconds:F0} s"));
    }

    private static void Measure<T>(string name, int samples, Func<(IReadOnlyList<byte[]> Proof, T Argument)> prove, Func<IReadOnlyList<byte[]>, T, bool> verify)
    {
        for (var i = 0; i < 1_000; i++)
        {
            prove();
        }

        var ticks = new long[samples];
        for (var i = 0; i < samples; i++)
        {
            var start = Stopwatch.GetTimestamp();
            var (proof, argument) = prove();
            ticks[i] = Stopwatch.GetTimestamp() - start;
            if (i % 1_000 == 0 && !verify(proof, argument))
            {
                throw new InvalidOperationException($"a {name} proof did not verify");
            }
        }

        Array.Sort(ticks);
        double Micro(double q) => ticks[(int)Math.Min(samples - 1, q * samples)] * 1e6 / Stopwatch.Frequency;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{name,-12} p50 {Micro(0.50):F1} µs  p99 {Micro(0.99):F1} µs  p99.9 {Micro(0.999):F1} µs  ({samples:N0} random proofs)"));
    }
}
