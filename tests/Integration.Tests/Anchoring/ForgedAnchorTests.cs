using System.Security.Cryptography;
using SafetyLedger.Anvil.Testing;
using SafetyLedger.Integration.Tests.Support;
using SafetyLedger.Ledger.Anchoring;
using SafetyLedger.Ledger.Checkpoints;
using SafetyLedger.Ledger.Storage.Sqlite;

namespace SafetyLedger.Integration.Tests.Anchoring;

/// <summary>The contract owner anchors another root for a checkpoint's size and records it: verification names both roots.</summary>
public sealed class ForgedAnchorTests
{
    [Fact]
    public async Task A_forged_root_anchored_for_a_checkpoint_size_fails_verification_naming_both_roots()
    {
        using var ledger = await TestLedger.CreateAsync(entries: 20, checkpointEvery: 5);
        using var node = await AnvilNode.StartAsync();
        var (chain, contract) = await TestChains.DeployAsync(node.RpcUrl);
        var checkpoints = new SqliteCheckpointStore(ledger.Storage);
        var anchors = new SqliteAnchorStore(ledger.Storage);
        using var signers = LogSigners.Load(ledger.Checkpoints, ledger.DataDirectory);

        var genuine = (await checkpoints.FirstAtOrAfterAsync(10, CancellationToken.None))!;
        await RecordAsync(await chain.AnchorAsync(genuine.RootHash, genuine.TreeSize, CancellationToken.None));
        var rpc = node.RpcUrl.ToString();
        var clean = await Cli.RunAsync("verify", "--data", ledger.DataDirectory, "--rpc", rpc, "--contract", contract);
        Assert.True(clean.ExitCode == 0, clean.ToString());

        var ours = (await checkpoints.FirstAtOrAfterAsync(15, CancellationToken.None))!;
        var forged = RandomNumberGenerator.GetBytes(32);
        await RecordAsync(await chain.AnchorAsync(forged, ours.TreeSize, CancellationToken.None));

        var result = await Cli.RunAsync("verify", "--data", ledger.DataDirectory, "--rpc", rpc, "--contract", contract);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(Convert.ToBase64String(forged), result.Error, StringComparison.Ordinal);
        Assert.Contains(Convert.ToBase64String(ours.RootHash), result.Error, StringComparison.Ordinal);
        Assert.Contains("tree size 15", result.Error, StringComparison.Ordinal);

        async Task RecordAsync(AnchorRecord record)
        {
            var statement = AnchorStatement.Sign(ledger.Checkpoints.Origin, record, signers.Signers);
            await anchors.AddAsync(new StoredAnchor(record, 1, DateTimeOffset.UtcNow, statement), CancellationToken.None);
        }
    }
}
