using SafetyLedger.Ledger.Anchoring;

namespace SafetyLedger.Ledger.Tests.Anchoring;

/// <summary>Legacy fees, a key file and more than one confirmation, against a real anvil.</summary>
public sealed class AnchorChainSettingsTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    private Uri RpcUrl => anvil.Node.RpcUrl;

    [Fact]
    public async Task Legacy_gas_price_and_a_key_file_anchor()
    {
        var (_, contract) = await TestChains.DeployAsync(RpcUrl);
        var keyFile = Path.GetTempFileName();
        try
        {
            await File.WriteAllTextAsync(keyFile, DevAccounts.OwnerKey + "\n");
            var options = TestChains.Options(RpcUrl, contract, key: string.Empty);
            options.PrivateKey = null;
            options.PrivateKeyFile = keyFile;
            options.MaxFeePerGasWei = null;
            options.MaxPriorityFeePerGasWei = null;
            options.GasPriceWei = 5_000_000_000;
            var chain = TestChains.Create(options);

            var record = await chain.AnchorAsync(TestChains.RandomRoot(), 9, CancellationToken.None);

            Assert.Equal(DevAccounts.OwnerAddress, chain.Account);
            var transaction = await RawSender.Create(RpcUrl).Rpc.TransactionAsync(record.TxHash, CancellationToken.None);
            Assert.Equal(0, (int)transaction!.Type.Value);
            Assert.True((await chain.VerifyAsync(record, CancellationToken.None)).IsValid);
        }
        finally
        {
            File.Delete(keyFile);
        }
    }

    [Fact]
    public async Task Anchoring_waits_for_the_configured_confirmations()
    {
        var (_, contract) = await TestChains.DeployAsync(RpcUrl);
        var options = TestChains.Options(RpcUrl, contract);
        options.Confirmations = 3;
        var chain = TestChains.Create(options);

        var anchoring = chain.AnchorAsync(TestChains.RandomRoot(), 4, CancellationToken.None);
        await Task.Delay(300);
        Assert.False(anchoring.IsCompleted, "AnchorAsync returned before 3 confirmations");
        for (var i = 0; i < 100 && !anchoring.IsCompleted; i++)
        {
            await anvil.Node.RpcAsync("evm_mine");
            await Task.Delay(100);
        }

        var record = await anchoring;
        var inclusion = await chain.CheckInclusionAsync(record, CancellationToken.None);
        Assert.Equal(AnchorInclusionStatus.Confirmed, inclusion.Status);
        Assert.True(inclusion.Confirmations >= 3);

        var stricter = TestChains.Options(RpcUrl, contract);
        stricter.Confirmations = 1000;
        var strictChain = TestChains.Create(stricter);
        Assert.Equal(AnchorVerificationFailure.NotConfirmed, (await strictChain.VerifyAsync(record, CancellationToken.None)).Failure);
        Assert.Equal(AnchorInclusionStatus.AwaitingConfirmations, (await strictChain.CheckInclusionAsync(record, CancellationToken.None)).Status);
    }
}
