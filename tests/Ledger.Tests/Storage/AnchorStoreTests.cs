using Microsoft.Data.Sqlite;
using SafetyLedger.Ledger.Anchoring;
using SafetyLedger.Ledger.Storage.Sqlite;
using SafetyLedger.Ledger.Tests.Support;

namespace SafetyLedger.Ledger.Tests.Storage;

public sealed class AnchorStoreTests
{
    [Fact]
    public async Task Anchors_round_trip_and_are_found_by_tree_size_with_a_resend_superseding_the_earlier_record()
    {
        await using var fixture = new StoreFixture();
        var store = new SqliteAnchorStore(fixture.Options);
        Assert.Null(await store.LatestAsync(CancellationToken.None));

        var first = Anchor(10, "0x01", blockHash: null);
        var dropped = Anchor(20, "0x02", "0xaa");
        var resent = Anchor(20, "0x02", "0xbb");
        var third = Anchor(35, "0x03", "0xcc");
        foreach (var anchor in new[] { first, dropped, resent, third })
        {
            await store.AddAsync(anchor, CancellationToken.None);
        }

        var listed = new List<StoredAnchor>();
        await foreach (var anchor in store.ListAsync(CancellationToken.None))
        {
            listed.Add(anchor);
        }

        Assert.Equal(["0xaa", "0xbb"], listed.Where(a => a.Record.TreeSize == 20).Select(a => a.Record.BlockHash));
        AssertSame(first, listed[0]);
        AssertSame(third, (await store.LatestAsync(CancellationToken.None))!);
        AssertSame(first, (await store.FirstAtOrAfterAsync(1, CancellationToken.None))!);
        AssertSame(resent, (await store.FirstAtOrAfterAsync(11, CancellationToken.None))!);
        AssertSame(third, (await store.FirstAtOrAfterAsync(35, CancellationToken.None))!);
        Assert.Null(await store.FirstAtOrAfterAsync(36, CancellationToken.None));
    }

    [Theory]
    [InlineData("UPDATE anchors SET root = zeroblob(32)")]
    [InlineData("DELETE FROM anchors")]
    public async Task The_anchors_table_is_append_only(string sql)
    {
        await using var fixture = new StoreFixture();
        await new SqliteAnchorStore(fixture.Options).AddAsync(Anchor(5, "0x05", "0xdd"), CancellationToken.None);

        using var connection = new SqliteConnection($"Data Source={fixture.Options.DatabasePath}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        var error = Assert.Throws<SqliteException>(() => command.ExecuteNonQuery());
        Assert.Contains("append-only", error.Message, StringComparison.Ordinal);
    }

    private static StoredAnchor Anchor(long treeSize, string txHash, string? blockHash)
    {
        var root = new byte[32];
        root[0] = (byte)treeSize;
        var record = new AnchorRecord(31337, "0x5FbDB2315678afecb367f032d93F642f64180aa3", txHash, treeSize + 1, DateTimeOffset.FromUnixTimeSeconds(1_790_000_000 + treeSize), root, treeSize)
        {
            BlockHash = blockHash,
        };
        return new StoredAnchor(record, 2, new DateTimeOffset(2026, 11, 28, 10, 0, 0, TimeSpan.Zero), $"statement {treeSize}");
    }

    private static void AssertSame(StoredAnchor expected, StoredAnchor actual)
    {
        Assert.Equal(expected with { Record = actual.Record }, actual);
        Assert.Equal(expected.Record with { Root = actual.Record.Root }, actual.Record);
        Assert.Equal(expected.Record.Root, actual.Record.Root);
    }
}
