using System.Text;
using Microsoft.Data.Sqlite;
using SafetyLedger.Ledger.Events;
using SafetyLedger.Ledger.Tests.Support;

namespace SafetyLedger.Ledger.Tests.Storage;

public sealed class EventStoreTests : IAsyncLifetime
{
    private readonly StoreFixture fixture = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await fixture.DisposeAsync();

    [Fact]
    public async Task Appending_assigns_dense_global_positions_and_stream_versions()
    {
        var store = fixture.Store;
        var a = await store.AppendAsync(Some.Append("hazard-1", ExpectedVersion.NoStream, 3), default);
        var b = await store.AppendAsync(Some.Append("hazard-2", ExpectedVersion.NoStream, 2), default);
        var c = await store.AppendAsync(Some.Append("hazard-1", ExpectedVersion.Exact(2), 1), default);

        Assert.Equal(new AppendResult(0, 2, 2), a);
        Assert.Equal(new AppendResult(3, 4, 1), b);
        Assert.Equal(new AppendResult(5, 5, 3), c);
        Assert.Equal(6, store.Count);
        var all = await store.ReadAllAsync(0, 100, default);
        Assert.Equal([0L, 1, 2, 3, 4, 5], all.Select(e => e.Position));
        var stream = await store.ReadStreamAsync("hazard-1", 0, 100, default);
        Assert.Equal([0L, 1, 2, 3], stream.Select(e => e.StreamVersion));
        Assert.Equal([0L, 1, 2, 5], stream.Select(e => e.Position));
    }

    [Fact]
    public async Task Read_entries_keep_every_field_and_the_payload_as_given()
    {
        var data = new EventData("PermitApplied", "tenant-b", new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(8)), Encoding.UTF8.GetBytes("{\"zone\":\"A-1\",\"level\":2}"), new EventMetadata("user-17", "corr-1", "cause-1", 2));
        await fixture.Store.AppendAsync(new AppendRequest("permit-9", ExpectedVersion.Any, [data]), default);

        var entry = await fixture.Store.ReadAsync(0, default);

        Assert.NotNull(entry);
        Assert.Equal("permit-9", entry.StreamId);
        Assert.Equal("PermitApplied", entry.EventType);
        Assert.Equal("tenant-b", entry.Tenant);
        Assert.Equal(data.OccurredAt, entry.OccurredAt);
        Assert.Equal(TimeSpan.FromHours(8), entry.OccurredAt.Offset);
        Assert.Equal(fixture.Time.GetUtcNow(), entry.RecordedAt);
        Assert.Equal("{\"zone\":\"A-1\",\"level\":2}", Encoding.UTF8.GetString(entry.Payload.Span));
        Assert.Equal(data.Metadata, entry.Metadata);
    }

    [Fact]
    public async Task Disposing_a_store_twice_is_harmless()
    {
        await fixture.Store.AppendAsync(Some.Append("s", ExpectedVersion.Any, 200), default);

        await fixture.Store.DisposeAsync();
        await fixture.Store.DisposeAsync();
        await fixture.ReopenAsync();

        Assert.Equal(200, fixture.Store.Count);
    }

    [Fact]
    public async Task Appending_with_a_stale_version_is_rejected_and_writes_nothing()
    {
        await fixture.Store.AppendAsync(Some.Append("manifest-1", ExpectedVersion.NoStream, 2), default);

        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(
            () => fixture.Store.AppendAsync(Some.Append("manifest-1", ExpectedVersion.Exact(0), 1), default));

        Assert.Equal(1, error.ActualVersion);
        Assert.Contains("manifest-1", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, fixture.Store.Count);
    }

    [Fact]
    public async Task No_stream_is_rejected_when_the_stream_exists_and_exact_is_rejected_when_it_does_not()
    {
        await fixture.Store.AppendAsync(Some.Append("s", ExpectedVersion.Any), default);

        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => fixture.Store.AppendAsync(Some.Append("s", ExpectedVersion.NoStream), default));
        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => fixture.Store.AppendAsync(Some.Append("t", ExpectedVersion.Exact(0)), default));
        Assert.Equal(1, fixture.Store.Count);
    }

    [Fact]
    public async Task A_multi_stream_append_is_all_or_nothing()
    {
        await fixture.Store.AppendAsync(Some.Append("b", ExpectedVersion.NoStream), default);

        await Assert.ThrowsAsync<WrongExpectedVersionException>(() => fixture.Store.AppendAsync(
            [Some.Append("a", ExpectedVersion.NoStream, 3), Some.Append("b", ExpectedVersion.NoStream)],
            default));

        Assert.Equal(1, fixture.Store.Count);
        Assert.Empty(await fixture.Store.ReadStreamAsync("a", 0, 10, default));
        var next = await fixture.Store.AppendAsync(Some.Append("a", ExpectedVersion.NoStream), default);
        Assert.Equal(1, next.FirstPosition);
    }

    [Fact]
    public async Task A_payload_that_is_not_json_is_rejected_with_a_clear_error()
    {
        var bad = new EventData("X", "tenant-a", DateTimeOffset.UnixEpoch, Encoding.UTF8.GetBytes("{not json"));

        var error = await Assert.ThrowsAsync<ArgumentException>(() => fixture.Store.AppendAsync(new AppendRequest("x", ExpectedVersion.Any, [bad]), default));

        Assert.Contains("not valid JSON", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, fixture.Store.Count);
    }

    [Fact]
    public async Task Entries_survive_a_restart_and_appends_continue_densely()
    {
        await fixture.Store.AppendAsync(Some.Append("s", ExpectedVersion.Any, 5), default);
        var root = fixture.Store.Root(5);

        await fixture.ReopenAsync();
        var result = await fixture.Store.AppendAsync(Some.Append("s", ExpectedVersion.Exact(4), 1), default);

        Assert.Equal(5, result.FirstPosition);
        Assert.Equal(root, fixture.Store.Root(5));
        Assert.Equal(6, fixture.Store.Count);
    }

    [Theory]
    [InlineData("UPDATE entries SET bytes = x'00' WHERE position = 0", "UPDATE refused")]
    [InlineData("DELETE FROM entries WHERE position = 0", "DELETE refused")]
    [InlineData("UPDATE merkle_chunks SET hashes = x'00'", "UPDATE refused")]
    [InlineData("DELETE FROM merkle_chunks", "DELETE refused")]
    [InlineData("UPDATE stream_ranges SET count = 9", "UPDATE refused")]
    [InlineData("DELETE FROM streams", "DELETE refused")]
    public async Task The_database_itself_refuses_to_update_or_delete_entries(string sql, string expected)
    {
        await fixture.Store.AppendAsync(Some.Append("s", ExpectedVersion.Any, 4), default);
        using var connection = new SqliteConnection($"Data Source={fixture.Options.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;

        var error = Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_catch_up_subscription_delivers_history_then_live_entries_in_order()
    {
        await fixture.Store.AppendAsync(Some.Append("s", ExpectedVersion.Any, 3), default);
        using var cancel = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var seen = new List<long>();

        var reading = Task.Run(async () =>
        {
            await foreach (var entry in fixture.Store.SubscribeAsync(1, cancel.Token))
            {
                seen.Add(entry.Position);
                if (entry.Position == 6)
                {
                    return;
                }
            }
        });
        await fixture.Store.AppendAsync(Some.Append("s", ExpectedVersion.Any, 2), default);
        await Task.Delay(50);
        await fixture.Store.AppendAsync(Some.Append("t", ExpectedVersion.Any, 2), default);
        await reading;

        Assert.Equal([1L, 2, 3, 4, 5, 6], seen);
    }
}
