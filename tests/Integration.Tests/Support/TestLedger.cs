using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SafetyLedger.Ledger.Checkpoints;
using SafetyLedger.Ledger.Events;
using SafetyLedger.Ledger.Storage;
using SafetyLedger.Ledger.Storage.Sqlite;

namespace SafetyLedger.Integration.Tests.Support;

/// <summary>
/// A closed SQLite ledger on disk with <c>entries</c> entries (payload marker <c>entry-NNNNN</c>)
/// and a signed checkpoint every <c>checkpointEvery</c> entries, ready to verify or tamper with.
/// </summary>
public sealed class TestLedger : IDisposable
{
    private readonly TempDirectory directory = new();

    private TestLedger()
    {
        Storage = new LedgerStorageOptions { DataDirectory = directory.Path };
    }

    public LedgerStorageOptions Storage { get; }

    public CheckpointOptions Checkpoints { get; } = new();

    public string DataDirectory => directory.Path;

    public string VerifierKey { get; private set; } = string.Empty;

    public static string Marker(int i) => string.Create(CultureInfo.InvariantCulture, $"entry-{i:D5}");

    public static async Task<TestLedger> CreateAsync(int entries, int checkpointEvery)
    {
        var ledger = new TestLedger();
        await using (var store = SqliteLedgerStore.Open(ledger.Storage, TimeProvider.System, NullLogger<SqliteLedgerStore>.Instance))
        {
            using var signers = LogSigners.Load(ledger.Checkpoints, ledger.DataDirectory);
            ledger.VerifierKey = signers.VerifierKeys[0];
            var issuer = new CheckpointIssuer(store, new SqliteCheckpointStore(ledger.Storage), signers, Options.Create(ledger.Checkpoints), TimeProvider.System);
            for (var i = 0; i < entries; i++)
            {
                var payload = Encoding.UTF8.GetBytes($"{{\"marker\":\"{Marker(i)}\"}}");
                var data = new EventData("HazardReported", "tenant-a", DateTimeOffset.UnixEpoch.AddMinutes(i), payload);
                await store.AppendAsync(new AppendRequest($"hazard-{i % 5}", ExpectedVersion.Any, [data]), CancellationToken.None);
                if ((i + 1) % checkpointEvery == 0 || i == entries - 1)
                {
                    await issuer.IssueIfGrownAsync(CancellationToken.None);
                }
            }
        }

        SqliteConnection.ClearAllPools();
        return ledger;
    }

    /// <summary>Runs SQL on the closed ledger with the append-only triggers dropped, as an attacker with file access would.</summary>
    public void BypassTriggersAndExecute(string sql)
    {
        using (var connection = new SqliteConnection($"Data Source={Storage.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                DROP TRIGGER entries_no_update; DROP TRIGGER entries_no_delete;
                DROP TRIGGER merkle_chunks_no_update; DROP TRIGGER stream_ranges_no_update;
                """ + sql;
            command.ExecuteNonQuery();
        }

        SqliteConnection.ClearAllPools();
    }

    /// <summary>The SQL expression for the chunk row holding the leaf of <paramref name="position"/> and the byte offset in it.</summary>
    public static (long NodeId, string ChunkOf) LeafLocation(long position)
    {
        var id = SafetyLedger.Ledger.Storage.MerkleNodeIds.NodeId(0, position);
        return (id, $"(SELECT max(first_id) FROM merkle_chunks WHERE first_id <= {id})");
    }

    public void Dispose() => directory.Dispose();
}
