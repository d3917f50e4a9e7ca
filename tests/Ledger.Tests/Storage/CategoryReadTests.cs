using SafetyLedger.Ledger.Events;
using SafetyLedger.Ledger.Tests.Support;

namespace SafetyLedger.Ledger.Tests.Storage;

public sealed class CategoryReadTests : IAsyncLifetime
{
    private readonly StoreFixture fixture = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await fixture.DisposeAsync();

    [Fact]
    public async Task A_category_read_returns_exactly_the_streams_with_the_prefix_in_global_order()
    {
        var store = fixture.Store;
        string[] streams = ["alert-t1-a", "sensor-t1-x", "alert-t2-b", "alert", "alerts-1", "alert-t1-c", "Alert-t1-d"];
        var random = new Random(7);
        for (var i = 0; i < 300; i++)
        {
            var picked = streams.OrderBy(_ => random.Next()).Take(random.Next(1, 3)).ToArray();
            await store.AppendAsync([.. picked.Select(s => Some.Append(s, ExpectedVersion.Any, random.Next(1, 4)))], default);
        }

        var all = await store.ReadAllAsync(0, int.MaxValue, default);
        var expected = all.Where(e => e.StreamId.StartsWith("alert-", StringComparison.Ordinal)).Select(e => e.Position).ToList();

        var category = await ReadAsync("alert-", 0, store.Count);

        Assert.NotEmpty(expected);
        Assert.Equal(expected, category.Select(e => e.Position));
        Assert.All(category, e => Assert.Equal(all[(int)e.Position].StreamVersion, e.StreamVersion));
    }

    [Fact]
    public async Task The_bounds_clip_ranges_that_straddle_them()
    {
        var store = fixture.Store;
        await store.AppendAsync(Some.Append("alert-1", ExpectedVersion.NoStream, 5), default); // 0..4
        await store.AppendAsync(Some.Append("other-1", ExpectedVersion.NoStream, 3), default); // 5..7
        await store.AppendAsync(Some.Append("alert-2", ExpectedVersion.NoStream, 4), default); // 8..11

        Assert.Equal([2L, 3, 4, 8, 9], (await ReadAsync("alert-", 2, 10)).Select(e => e.Position));
        Assert.Empty(await ReadAsync("alert-", 5, 8));
        Assert.Empty(await ReadAsync("alert-", 12, 100));
        Assert.Equal([0L, 1, 2, 3, 4], (await ReadAsync("alert-1", 0, 100)).Select(e => e.Position));
    }

    [Theory]
    [InlineData("")]
    [InlineData("alert\u007f")]
    [InlineData("警报")]
    public async Task A_prefix_that_cannot_bound_an_index_range_is_refused(string prefix)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => ReadAsync(prefix, 0, 1));
    }

    private async Task<List<LedgerEntry>> ReadAsync(string prefix, long from, long to)
    {
        var entries = new List<LedgerEntry>();
        await foreach (var entry in fixture.Store.ReadCategoryAsync(prefix, from, to, default))
        {
            entries.Add(entry);
        }

        return entries;
    }
}
