using System.Security.Cryptography;
using SafetyLedger.Ledger.Merkle;

namespace SafetyLedger.Host.Tests.Cli;

public sealed class ProofVerifyCommandTests : IDisposable
{
    private readonly CliRunner cli = new();
    private readonly List<byte[]> leaves = Enumerable.Range(0, 13).Select(i => MerkleHash.Leaf([(byte)i, 0x42])).ToList();

    public void Dispose() => cli.Dispose();

    [Fact]
    public async Task A_valid_inclusion_proof_verifies_with_exit_0()
    {
        var result = await CliRunner.RunAsync("proof", "verify-inclusion", cli.Write(Inclusion(5, 13)));

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("verified\n", result.Out);
    }

    [Fact]
    public async Task A_valid_consistency_proof_verifies_with_exit_0()
    {
        var result = await CliRunner.RunAsync("proof", "verify-consistency", cli.Write(Consistency(6, 13)));

        Assert.Equal(0, result.ExitCode);
    }

    [Theory]
    [InlineData("\"leafIndex\":5", "\"leafIndex\":6")]
    [InlineData("\"leafIndex\":5", "\"leafIndex\":13")]
    [InlineData("\"treeSize\":13", "\"treeSize\":7")]
    [InlineData("\"leafHash\":\"", "\"leafHash\":\"AAAA")]
    [InlineData("\"proof\":[\"", "\"proof\":[\"%%%")]
    public async Task A_tampered_inclusion_proof_fails_with_exit_1(string find, string replace)
    {
        var json = Inclusion(5, 13).Replace(find, replace, StringComparison.Ordinal);

        var result = await CliRunner.RunAsync("proof", "verify-inclusion", cli.Write(json));

        Assert.Equal(1, result.ExitCode);
        Assert.NotEmpty(result.Error);
        Assert.Empty(result.Out);
    }

    [Theory]
    [InlineData(0, 13)]
    [InlineData(14, 13)]
    public async Task Consistency_edge_sizes_do_not_verify(long size1, long size2)
    {
        var json = $$"""{"size1":{{size1}},"size2":{{size2}},"root1":"{{Root(13)}}","root2":"{{Root(13)}}","proof":[]}""";

        var result = await CliRunner.RunAsync("proof", "verify-consistency", cli.Write(json));

        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task Equal_sizes_verify_only_with_an_empty_proof_and_equal_roots()
    {
        var same = $$"""{"size1":13,"size2":13,"root1":"{{Root(13)}}","root2":"{{Root(13)}}","proof":[]}""";
        var withProof = $$"""{"size1":13,"size2":13,"root1":"{{Root(13)}}","root2":"{{Root(13)}}","proof":["{{Root(13)}}"]}""";
        var otherRoot = $$"""{"size1":13,"size2":13,"root1":"{{Root(13)}}","root2":"{{Root(12)}}","proof":[]}""";

        Assert.Equal(0, (await CliRunner.RunAsync("proof", "verify-consistency", cli.Write(same))).ExitCode);
        Assert.Equal(1, (await CliRunner.RunAsync("proof", "verify-consistency", cli.Write(withProof))).ExitCode);
        Assert.Equal(1, (await CliRunner.RunAsync("proof", "verify-consistency", cli.Write(otherRoot))).ExitCode);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{}")]
    [InlineData("{\"leafIndex\":1}")]
    public async Task Malformed_input_is_rejected_with_exit_1(string json)
    {
        var result = await CliRunner.RunAsync("proof", "verify-inclusion", cli.Write(json));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("rejected", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("proof", "verify-inclusion")]
    [InlineData("proof", "frobnicate", "x")]
    [InlineData("note", "verify", "file-without-vkey")]
    [InlineData("no-such-verb")]
    public async Task Usage_errors_exit_2(params string[] args)
    {
        var result = await CliRunner.RunAsync(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("error", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_file_is_a_failure_with_a_message()
    {
        var result = await CliRunner.RunAsync("proof", "verify-inclusion", "/nonexistent/proof.json");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("does not exist", result.Error, StringComparison.Ordinal);
    }

    private string Inclusion(long index, long size)
    {
        var proofs = new MerkleProofs(new ListNodeSource(leaves));
        var path = proofs.Inclusion(index, size).Select(Convert.ToBase64String);
        return $$"""{"leafIndex":{{index}},"treeSize":{{size}},"leafHash":"{{Convert.ToBase64String(leaves[(int)index])}}","rootHash":"{{Root(size)}}","proof":[{{string.Join(',', path.Select(p => $"\"{p}\""))}}]}""";
    }

    private string Consistency(long size1, long size2)
    {
        var proofs = new MerkleProofs(new ListNodeSource(leaves));
        var path = proofs.Consistency(size1, size2).Select(Convert.ToBase64String);
        return $$"""{"size1":{{size1}},"size2":{{size2}},"root1":"{{Root(size1)}}","root2":"{{Root(size2)}}","proof":[{{string.Join(',', path.Select(p => $"\"{p}\""))}}]}""";
    }

    private string Root(long size) => Convert.ToBase64String(new MerkleProofs(new ListNodeSource(leaves)).Root(size));

    /// <summary>Perfect-subtree hashes computed straight from a list of leaf hashes.</summary>
    private sealed class ListNodeSource(List<byte[]> leaves) : IMerkleNodeSource
    {
        public byte[] GetNode(int level, long index)
        {
            if (level == 0)
            {
                return leaves[(int)index];
            }

            return MerkleHash.Node(GetNode(level - 1, 2 * index), GetNode(level - 1, (2 * index) + 1));
        }
    }
}
