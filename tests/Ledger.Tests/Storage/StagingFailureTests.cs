using Microsoft.Data.Sqlite;
using SafetyLedger.Ledger.Events;
using SafetyLedger.Ledger.Tests.Support;

namespace SafetyLedger.Ledger.Tests.Storage;

/// <summary>An append whose staging throws (here a stream look-up on a table taken away behind the store's back) is refused; the writer keeps serving.</summary>
public sealed class StagingFailureTests : IAsyncLifetime
{
    private readonly StoreFixture fixture = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await fixture.DisposeAsync();

    [Fact]
    public async Task A_failed_staging_refuses_its_group_and_later_appends_are_answered()
    {
        await fixture.Store.AppendAsync(new AppendRequest("known", ExpectedVersion.NoStream, [Some.Event(1)]), default);
        await ExecuteAsync("ALTER TABLE streams RENAME TO streams_away");

        // A hung writer would surface as a TimeoutException here, not the IOException the append must end in.
        await Assert.ThrowsAsync<IOException>(() =>
            fixture.Store.AppendAsync(new AppendRequest("new-stream", ExpectedVersion.NoStream, [Some.Event(2)]), default).WaitAsync(TimeSpan.FromSeconds(20)));

        await ExecuteAsync("ALTER TABLE streams_away RENAME TO streams");
        var result = await fixture.Store.AppendAsync(new AppendRequest("another", ExpectedVersion.NoStream, [Some.Event(3)]), default);
        Assert.Equal(1, result.FirstPosition);
        Assert.Equal(2, fixture.Store.Count);
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(fixture.Options.DataDirectory, "ledger.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }
}
