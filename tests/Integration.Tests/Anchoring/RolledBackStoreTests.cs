using System.Security.Cryptography;
using SafetyLedger.Anvil.Testing;
using SafetyLedger.Integration.Tests.Support;
using SafetyLedger.Ledger.Anchoring;
using SafetyLedger.Ledger.Storage.Sqlite;

namespace SafetyLedger.Integration.Tests.Anchoring;

/// <summary>
/// The chain holds what we anchored, whatever the store says: every Anchored event of the trusted contract is held
/// against the store's tree, by <c>ledger verify --rpc</c> and at service start.
/// </summary>
public sealed class RolledBackStoreTests
{
    [Fact]
    public async Task A_store_rolled_back_below_its_newest_anchors_fails_verify_on_chain_and_refuses_to_start()
    {
        using var data = new TempDirectory();
        using var rolledBack = new TempDirectory();
        using var node = await AnvilNode.StartAsync();
        var overrides = new Dictionary<string, string?> { ["Anchoring:Period"] = "01:00:00", ["Anchoring:EntryCount"] = "5" };
        await using (var service = new AnchoredService(node.RpcUrl, data.Path, overrides))
        {
            await service.StartAsync();
            foreach (var count in new[] { 29, 5, 12 })
            {
                await service.AppendAsync(count);
                await service.WaitForAnchorAndEntriesAsync(service.Events.Count - 1, TimeSpan.FromSeconds(20));
            }
        }

        var anchors = await new SqliteAnchorStore(new() { DataDirectory = data.Path }).ListAsync(CancellationToken.None).ToListAsync();
        var sizes = anchors.Select(a => a.Record.TreeSize).Distinct().Order().ToList();
        Assert.True(sizes.Count >= 3, $"anchored sizes: {string.Join(", ", sizes)}");
        var newest = anchors[^1].Record;
        var size = sizes[^2];
        await InsiderRollback.CopyRolledBackAsync(data.Path, rolledBack.Path, size);
        var rpc = node.RpcUrl.ToString();

        var offline = await Cli.RunAsync("verify", "--data", rolledBack.Path);
        Assert.True(offline.ExitCode == 0, $"the rollback is consistent, so the store alone verifies: {offline}");
        var untouched = await Cli.RunAsync("verify", "--data", data.Path, "--rpc", rpc);
        Assert.True(untouched.ExitCode == 0, untouched.ToString());

        var result = await Cli.RunAsync("verify", "--data", rolledBack.Path, "--rpc", rpc);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains($"block {newest.BlockNumber}, tx {newest.TxHash}", result.Error, StringComparison.Ordinal);
        Assert.Contains($"tree size {newest.TreeSize} (root {Convert.ToBase64String(newest.Root)}) is beyond the store's {size} entries", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("verified", result.Out, StringComparison.Ordinal);

        await using var restarted = new AnchoredService(node.RpcUrl, rolledBack.Path, overrides);
        var refused = await Assert.ThrowsAsync<ChainContradictsStoreException>(restarted.StartAsync);
        Assert.Contains($"block {newest.BlockNumber}, tx {newest.TxHash}", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_root_on_chain_that_differs_from_the_tree_at_its_size_fails_verify_though_the_store_never_recorded_it()
    {
        using var ledger = await TestLedger.CreateAsync(entries: 20, checkpointEvery: 5);
        using var node = await AnvilNode.StartAsync();
        var (chain, contract) = await TestChains.DeployAsync(node.RpcUrl);
        var checkpoint = (await new SqliteCheckpointStore(ledger.Storage).FirstAtOrAfterAsync(10, CancellationToken.None))!;
        var genuine = await chain.AnchorAsync(checkpoint.RootHash, checkpoint.TreeSize, CancellationToken.None);
        await SignedAnchors.RecordAsync(ledger.Storage, ledger.Checkpoints, genuine);

        var rpc = node.RpcUrl.ToString();
        var clean = await Cli.RunAsync("verify", "--data", ledger.DataDirectory, "--rpc", rpc, "--contract", contract);
        Assert.True(clean.ExitCode == 0, clean.ToString());

        // Not a checkpoint size, and not recorded: only the chain knows it.
        var forged = RandomNumberGenerator.GetBytes(32);
        var unrecorded = await chain.AnchorAsync(forged, 13, CancellationToken.None);
        var ours = new SqliteTreeReader(ledger.Storage).Root(13);

        var result = await Cli.RunAsync("verify", "--data", ledger.DataDirectory, "--rpc", rpc, "--contract", contract);

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains(
            $"block {unrecorded.BlockNumber}, tx {unrecorded.TxHash} (contract {contract}): the anchored root {Convert.ToBase64String(forged)} differs from our tree's root {Convert.ToBase64String(ours)} at tree size 13",
            result.Error,
            StringComparison.Ordinal);
    }
}
