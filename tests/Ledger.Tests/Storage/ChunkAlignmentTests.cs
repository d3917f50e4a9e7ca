using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using SafetyLedger.Ledger.Events;
using SafetyLedger.Ledger.Storage.Sqlite;
using SafetyLedger.Ledger.Tests.Merkle;
using SafetyLedger.Ledger.Tests.Support;

namespace SafetyLedger.Ledger.Tests.Storage;

/// <summary>
/// Commits are cut into chunks at positions that are multiples of 64, and a full chunk's subtree is hashed
/// off the writer: whatever the commit sizes and starting sizes, every stored node and every root must be
/// the reference tree's.
/// </summary>
public sealed class ChunkAlignmentTests : IAsyncLifetime
{
    private readonly StoreFixture fixture = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await fixture.DisposeAsync();

    [Fact]
    public async Task Commits_of_awkward_sizes_from_unaligned_sizes_store_every_reference_node_and_root()
    {
        // Tree sizes before each commit: 0, 5, 6, 69, 133, 198, 325 (restart), 1325, 5422, 5440 (aligned), 5504, 9601.
        var sizes = new[] { 5, 1, 63, 64, 65, 127, 1_000, 4_097, 18, 64, 4_097, 127 };
        var total = 0;
        foreach (var (size, round) in sizes.Select((s, i) => (s, i)))
        {
            if (round == 6)
            {
                await fixture.ReopenAsync();
            }

            await fixture.Store.AppendAsync(Some.Append($"stream-{round % 3}", ExpectedVersion.Any, size, start: total), default);
            total += size;
        }

        var stored = await fixture.Store.ReadAllAsync(0, total + 1, default);
        Assert.Equal(total, stored.Count);
        var reference = new MemoizedReference(stored.Select(e => SHA256.HashData([0x00, .. e.Bytes.Span])).ToList());

        var nodes = ReadAllNodes();
        var expected = reference.NodesInCompletionOrder();
        Assert.Equal(expected.Count, nodes.Count);
        for (var id = 0; id < expected.Count; id++)
        {
            Assert.True(expected[id].AsSpan().SequenceEqual(nodes[id]), $"Node {id} differs from the reference tree.");
        }

        for (var size = 1; size <= total; size++)
        {
            Assert.True(reference.Root(size).AsSpan().SequenceEqual(fixture.Store.Root(size)), $"Root of size {size} differs from the reference tree.");
        }

        var report = new SqliteLedgerVerifier(fixture.Options, [], "test").Verify(null, default);
        Assert.True(report.Passed, string.Join("; ", report.Findings));
    }

    private List<byte[]> ReadAllNodes()
    {
        using var connection = new SqliteConnection($"Data Source={fixture.Options.DatabasePath};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT first_id, hashes FROM merkle_chunks ORDER BY first_id";
        using var reader = command.ExecuteReader();
        var nodes = new List<byte[]>();
        while (reader.Read())
        {
            Assert.Equal(nodes.Count, reader.GetInt64(0));
            nodes.AddRange(((byte[])reader[1]).Chunk(32));
        }

        return nodes;
    }

    /// <summary><see cref="ReferenceMerkle.Mth"/>, remembered per perfect subtree so that every size's root is cheap.</summary>
    private sealed class MemoizedReference(IReadOnlyList<byte[]> leaves)
    {
        private readonly Dictionary<(int Start, int End), byte[]> perfect = [];

        /// <summary>Every complete node in the order leaf by leaf appends complete them: each leaf, then the subtrees it ends.</summary>
        public List<byte[]> NodesInCompletionOrder()
        {
            var nodes = new List<byte[]>();
            for (var end = 1; end <= leaves.Count; end++)
            {
                for (var width = 1; end % width == 0; width *= 2)
                {
                    nodes.Add(Mth(end - width, end));
                }
            }

            return nodes;
        }

        public byte[] Root(int size) => Mth(0, size);

        private byte[] Mth(int start, int end)
        {
            var n = end - start;
            if ((n & (n - 1)) != 0)
            {
                var k = 1;
                while (k * 2 < n)
                {
                    k *= 2;
                }

                return SHA256.HashData([0x01, .. Mth(start, start + k), .. Mth(start + k, end)]);
            }

            if (!perfect.TryGetValue((start, end), out var hash))
            {
                hash = n <= 64 ? ReferenceMerkle.Mth(leaves, start, end) : SHA256.HashData([0x01, .. Mth(start, start + (n / 2)), .. Mth(start + (n / 2), end)]);
                perfect[(start, end)] = hash;
            }

            return hash;
        }
    }
}
