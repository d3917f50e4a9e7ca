using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SafetyLedger.Ledger.Anchoring;

namespace SafetyLedger.Ledger.Tests.Anchoring;

/// <summary><see cref="IAnchorChain.ListAnchorsAsync"/>: every Anchored event of one contract, from its deployment block, in bounded log ranges.</summary>
public sealed class AnchorHistoryTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    private Uri RpcUrl => anvil.Node.RpcUrl;

    [Fact]
    public async Task Every_anchor_of_the_contract_is_listed_from_its_deployment_block_in_ranges_of_one_block()
    {
        var deployment = await TestChains.Create(RpcUrl, contract: null).DeployRegistryAsync(CancellationToken.None);
        var chain = TestChains.Create(RpcUrl, deployment.Contract);
        var (other, _) = await TestChains.DeployAsync(RpcUrl);
        var anchored = new List<AnchorRecord>();
        foreach (var size in new[] { 3L, 5L, 9L })
        {
            anchored.Add(await chain.AnchorAsync(TestChains.RandomRoot(), size, CancellationToken.None));
            await other.AnchorAsync(TestChains.RandomRoot(), size + 100, CancellationToken.None);
        }

        foreach (var hint in new long?[] { null, deployment.BlockNumber, deployment.BlockNumber + 1, deployment.BlockNumber - 1 })
        {
            var history = await Client(deployment.Contract, hint).ListAnchorsAsync(CancellationToken.None);

            Assert.Equal(deployment.BlockNumber, history.FromBlock);
            Assert.Equal(deployment.Contract, history.Contract);
            Assert.Equal(
                anchored.Select(r => (r.BlockNumber, r.TxHash, Convert.ToBase64String(r.Root), r.TreeSize, r.BlockTime)),
                history.Anchors.Select(a => (a.BlockNumber, a.TxHash, Convert.ToBase64String(a.Root), a.TreeSize, a.AnchoredAt)));
        }
    }

    [Fact]
    public async Task Listing_the_anchors_of_an_address_without_code_fails()
    {
        var client = Client("0x000000000000000000000000000000000000dEaD", null);

        var failure = await Assert.ThrowsAsync<AnchorException>(() => client.ListAnchorsAsync(CancellationToken.None));

        Assert.Contains("no contract code", failure.Message, StringComparison.Ordinal);
    }

    private NethereumAnchorChain Client(string contract, long? deploymentBlockHint)
    {
        var options = TestChains.Options(RpcUrl, contract);
        options.LogBlockRange = 1;
        return new NethereumAnchorChain(Options.Create(options), TimeProvider.System, NullLogger<NethereumAnchorChain>.Instance)
        {
            DeploymentBlockHint = deploymentBlockHint,
        };
    }
}
