using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using SafetyLedger.Ledger.Events;
using SafetyLedger.Ledger.Storage.Sqlite;
using SafetyLedger.Ledger.Tests.Merkle;
using SafetyLedger.Ledger.Tests.Support;

namespace SafetyLedger.Ledger.Tests.Storage;

/// <summary>
/// Commits large enough to be encoded by two threads, chunk by chunk: stored bytes, leaves and roots
/// must be exactly what a one-entry-at-a-time encoder and the reference Merkle definitions give.
/// </summary>
public sealed class LargeAppendTests : IAsyncLifetime
{
    private readonly StoreFixture fixture = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await fixture.DisposeAsync();

    [Fact]
    public async Task Large_multi_stream_commits_store_the_canonical_bytes_and_the_reference_tree()
    {
        // Sizes around the chunk boundaries (64 entries), one-chunk and many-chunk commits, and a restart in between.
        var sizes = new[] { 1, 63, 64, 65, 129, 1_000, 7, 777 };
        var expected = new List<byte[]>();
        var versions = new Dictionary<string, long>(StringComparer.Ordinal);
        var next = 0;
        foreach (var (size, round) in sizes.Select((s, i) => (s, i)))
        {
            if (round == 5)
            {
                await fixture.ReopenAsync();
            }

            var requests = Enumerable.Range(0, 3)
                .Select(s => new AppendRequest($"stream-{(round + s) % 4}", ExpectedVersion.Any, Some.Events((size / 3) + (s < size % 3 ? 1 : 0), next + (s * size))))
                .Where(r => r.Events.Count > 0)
                .ToList();
            await fixture.Store.AppendAsync(requests, default);
            foreach (var request in requests)
            {
                foreach (var data in request.Events)
                {
                    var version = versions[request.StreamId] = versions.GetValueOrDefault(request.StreamId, -1) + 1;
                    expected.Add(EntryCodec.Encode(expected.Count, request.StreamId, version, data, fixture.Time.GetUtcNow()));
                }
            }

            next += 10 * size;
        }

        var stored = await fixture.Store.ReadAllAsync(0, expected.Count + 1, default);
        Assert.Equal(expected.Count, stored.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i], stored[i].Bytes.ToArray());
        }

        var leaves = expected.Select(b => SHA256.HashData([0x00, .. b])).ToList();
        foreach (var size in new[] { 1, 64, 65, 128, 193, 322, 1_000, 1_322, 1_329, expected.Count })
        {
            Assert.Equal(ReferenceMerkle.Mth(leaves, 0, size), fixture.Store.Root(size));
        }

        Assert.Equal(leaves[1_000], fixture.Store.LeafHash(1_000));
        var report = new SqliteLedgerVerifier(fixture.Options, [], "test").Verify(null, default);
        Assert.True(report.Passed, string.Join("; ", report.Findings));
        Assert.Equal(expected.Count, report.EntriesChecked);
    }

    [Fact]
    public async Task A_large_commit_that_fails_midway_stores_nothing_and_the_next_commit_builds_on_the_old_tree()
    {
        await fixture.Store.AppendAsync(Some.Append("s", ExpectedVersion.Any, 10), default);
        using (var connection = new SqliteConnection($"Data Source={fixture.Options.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO entries (position, bytes) VALUES (700, x'00')";
            command.ExecuteNonQuery();
        }

        await Assert.ThrowsAsync<IOException>(() => fixture.Store.AppendAsync(Some.Append("s", ExpectedVersion.Any, 1_000, start: 10), default));

        Assert.Equal(10, fixture.Store.Count);
        var result = await fixture.Store.AppendAsync(Some.Append("s", ExpectedVersion.Exact(9), 300, start: 10), default);
        Assert.Equal(new AppendResult(10, 309, 309), result);
        var leaves = (await fixture.Store.ReadAllAsync(0, 310, default)).Select(e => SHA256.HashData([0x00, .. e.Bytes.Span])).ToList();
        Assert.Equal(310, leaves.Count);
        Assert.Equal(ReferenceMerkle.Mth(leaves, 0, 310), fixture.Store.Root(310));
    }
}
