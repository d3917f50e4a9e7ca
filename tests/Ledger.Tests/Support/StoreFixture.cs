using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SafetyLedger.Ledger.Storage;
using SafetyLedger.Ledger.Storage.Sqlite;

namespace SafetyLedger.Ledger.Tests.Support;

/// <summary>A real SQLite ledger in a temp folder; <see cref="ReopenAsync"/> simulates a restart.</summary>
public sealed class StoreFixture : IAsyncDisposable
{
    private readonly TempDirectory directory = new();

    public StoreFixture()
    {
        Options = new LedgerStorageOptions { DataDirectory = directory.Path };
        Store = Open();
    }

    public LedgerStorageOptions Options { get; }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 28, 0, 0, 0, TimeSpan.Zero));

    public SqliteLedgerStore Store { get; private set; }

    public async Task ReopenAsync()
    {
        await Store.DisposeAsync();
        Store = Open();
    }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        directory.Dispose();
    }

    private SqliteLedgerStore Open() => SqliteLedgerStore.Open(Options, Time, NullLogger<SqliteLedgerStore>.Instance);
}
