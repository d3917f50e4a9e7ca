using System.Globalization;
using System.Text.Json;
using SafetyLedger.Ledger.Anchoring;

namespace SafetyLedger.Ledger.Tests.Anchoring;

/// <summary>anvil stopped in the middle of anchoring and brought back from its --dump-state file.</summary>
public sealed class AnvilRestartTests : IDisposable
{
    private readonly DirectoryInfo stateDirectory = Directory.CreateTempSubdirectory("anvil-state-");
    private readonly List<AnvilNode> nodes = [];

    private string DumpFile => Path.Combine(stateDirectory.FullName, "state.json");

    [Fact]
    public async Task An_anchor_in_flight_when_anvil_stops_completes_after_it_restarts_from_its_dump()
    {
        var node = await StartAsync(0, "--dump-state", DumpFile);
        var (chain, _) = await TestChains.DeployAsync(node.RpcUrl);
        var first = await chain.AnchorAsync(TestChains.RandomRoot(), 1, CancellationToken.None);

        // Stop mining so the next anchor stays in the mempool, then stop anvil under it.
        await node.RpcAsync("evm_setAutomine", "[false]");
        var inFlight = chain.AnchorAsync(TestChains.RandomRoot(), 2, CancellationToken.None);
        await WaitUntilAsync(async () => await NonceAsync(node, "pending") > await NonceAsync(node, "latest"));
        await node.StopGracefullyAsync();
        Assert.True(File.Exists(DumpFile), "anvil wrote no --dump-state file on SIGTERM");

        // anvil restores no mempool: the waiting AnchorAsync rebroadcasts its transaction at the still-free nonce.
        node = await StartAsync(node.Port, "--load-state", DumpFile);
        var second = await inFlight.WaitAsync(TimeSpan.FromSeconds(60));
        var third = await chain.AnchorAsync(TestChains.RandomRoot(), 3, CancellationToken.None);
        var firstAgain = await chain.AnchorAsync(first.Root, 1, CancellationToken.None);

        foreach (var record in new[] { first, second, third })
        {
            var verification = await chain.VerifyAsync(record, CancellationToken.None);
            Assert.True(verification.IsValid, verification.Reason);
        }

        Assert.Equal(first.TxHash, firstAgain.TxHash);
        Assert.Equal(4, await NonceAsync(node, "latest"));
        Assert.Equal(4, await NonceAsync(node, "pending"));
    }

    [Fact]
    public async Task An_anchor_lost_with_the_chain_is_reported_dropped_and_anchors_again_at_the_freed_nonce()
    {
        var node = await StartAsync(0, "--dump-state", DumpFile);
        var (chain, _) = await TestChains.DeployAsync(node.RpcUrl);
        await chain.AnchorAsync(TestChains.RandomRoot(), 1, CancellationToken.None);
        await node.StopGracefullyAsync();

        // This node anchors a root and is then killed without writing state: the chain loses that block.
        node = await StartAsync(node.Port, "--load-state", DumpFile);
        var lost = await chain.AnchorAsync(TestChains.RandomRoot(), 2, CancellationToken.None);
        node.Dispose();

        node = await StartAsync(node.Port, "--load-state", DumpFile);
        var inclusion = await chain.CheckInclusionAsync(lost, CancellationToken.None);
        Assert.Equal(AnchorInclusionStatus.Dropped, inclusion.Status);
        Assert.True(inclusion.ShouldResend);
        Assert.Equal(AnchorVerificationFailure.TransactionNotFound, (await chain.VerifyAsync(lost, CancellationToken.None)).Failure);

        var again = await chain.AnchorAsync(lost.Root, 2, CancellationToken.None);

        // Same nonce (freed by the lost block), same explicit fees, deterministic signature: the very same transaction.
        Assert.Equal(lost.TxHash, again.TxHash);
        Assert.True((await chain.VerifyAsync(again, CancellationToken.None)).IsValid);
        Assert.Equal(await NonceAsync(node, "pending"), await NonceAsync(node, "latest"));
    }

    public void Dispose()
    {
        foreach (var node in nodes)
        {
            node.Dispose();
        }

        stateDirectory.Delete(recursive: true);
    }

    private static async Task<long> NonceAsync(AnvilNode node, string block)
    {
        var json = await node.RpcAsync("eth_getTransactionCount", $$"""["{{DevAccounts.OwnerAddress}}","{{block}}"]""");
        using var document = JsonDocument.Parse(json);
        var hex = document.RootElement.GetProperty("result").GetString()!;
        return long.Parse(hex.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 200; i++)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(25);
        }

        throw new TimeoutException("Condition not met within 5 s.");
    }

    private async Task<AnvilNode> StartAsync(int port, params string[] arguments)
    {
        var node = await AnvilNode.StartAsync(port, arguments);
        nodes.Add(node);
        return node;
    }
}
