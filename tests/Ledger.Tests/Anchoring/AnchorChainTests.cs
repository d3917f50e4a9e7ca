using Nethereum.Hex.HexConvertors.Extensions;
using SafetyLedger.Ledger.Anchoring;

namespace SafetyLedger.Ledger.Tests.Anchoring;

public sealed class AnchorChainTests(AnvilFixture anvil) : IClassFixture<AnvilFixture>
{
    private Uri RpcUrl => anvil.Node.RpcUrl;

    [Fact]
    public async Task Deploy_anchor_lookup_and_verify()
    {
        var (chain, contract) = await TestChains.DeployAsync(RpcUrl);
        Assert.Equal(DevAccounts.OwnerAddress, chain.Account);
        var root = TestChains.RandomRoot();
        Assert.Null(await chain.LookupAsync(root, CancellationToken.None));

        var record = await chain.AnchorAsync(root, 42, CancellationToken.None);

        Assert.Equal(DevAccounts.AnvilChainId, record.ChainId);
        Assert.Equal(contract, record.Contract);
        Assert.Equal(root, record.Root);
        Assert.Equal(42, record.TreeSize);
        Assert.NotNull(record.BlockHash);
        var lookup = await chain.LookupAsync(root, CancellationToken.None);
        Assert.NotNull(lookup);
        Assert.Equal(42, lookup.TreeSize);
        Assert.Equal(record.BlockTime, lookup.AnchoredAt);

        var verification = await chain.VerifyAsync(record, CancellationToken.None);
        Assert.True(verification.IsValid, verification.Reason);
        var inclusion = await chain.CheckInclusionAsync(record, CancellationToken.None);
        Assert.Equal(AnchorInclusionStatus.Confirmed, inclusion.Status);
        Assert.False(inclusion.ShouldResend);
    }

    [Fact]
    public async Task Anchoring_the_same_root_twice_returns_the_first_record_without_sending()
    {
        var (chain, _) = await TestChains.DeployAsync(RpcUrl);
        var root = TestChains.RandomRoot();
        var first = await chain.AnchorAsync(root, 7, CancellationToken.None);
        var nonceBefore = await NonceAsync();

        var second = await chain.AnchorAsync(root, 7, CancellationToken.None);

        Assert.Equal(first.TxHash, second.TxHash);
        Assert.Equal(first.BlockNumber, second.BlockNumber);
        Assert.Equal(first.BlockTime, second.BlockTime);
        Assert.Equal(first.BlockHash, second.BlockHash);
        Assert.Equal(nonceBefore, await NonceAsync());
        var conflict = await Assert.ThrowsAsync<AnchorException>(() => chain.AnchorAsync(root, 8, CancellationToken.None));
        Assert.Contains("already anchored for tree size 7", conflict.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_contract_rejects_a_raw_second_anchor_of_a_root()
    {
        var (chain, contract) = await TestChains.DeployAsync(RpcUrl);
        var root = TestChains.RandomRoot();
        await chain.AnchorAsync(root, 3, CancellationToken.None);

        var raw = RawSender.Create(RpcUrl);
        var data = new AnchorFunction { Root = root, TreeSize = 3 }.GetCallDataHex();
        var sent = await raw.Sender.SendAsync(contract, data, 80_000, CancellationToken.None);
        var receipt = await raw.Sender.WaitForConfirmationsAsync(sent, CancellationToken.None);

        Assert.Equal(0, (int)receipt.Status.Value);
        var replay = await Assert.ThrowsAnyAsync<Exception>(() => raw.Rpc.CallAsync(new Nethereum.RPC.Eth.DTOs.CallInput(data, contract) { From = raw.Sender.From }, CancellationToken.None));
        var revertData = RawSender.RevertData(replay);
        var (name, text) = AnchorRegistryArtifacts.Load().DescribeRevert(revertData);
        Assert.Equal("AlreadyAnchored", name);
        Assert.Contains("treeSize=3", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_non_owner_cannot_anchor()
    {
        var (owner, contract) = await TestChains.DeployAsync(RpcUrl);
        var stranger = TestChains.Create(RpcUrl, contract, DevAccounts.OtherKey);
        var root = TestChains.RandomRoot();

        var reverted = await Assert.ThrowsAsync<AnchorRevertedException>(() => stranger.AnchorAsync(root, 1, CancellationToken.None));

        Assert.Equal("NotOwner", reverted.ErrorName);
        Assert.Contains(DevAccounts.OtherAddress, reverted.Error, StringComparison.OrdinalIgnoreCase);
        Assert.NotNull(reverted.TxHash);
        Assert.Null(await owner.LookupAsync(root, CancellationToken.None));
    }

    [Fact]
    public async Task Forged_records_fail_verification_naming_what_differs()
    {
        var (chain, _) = await TestChains.DeployAsync(RpcUrl);
        var record = await chain.AnchorAsync(TestChains.RandomRoot(), 10, CancellationToken.None);
        var other = await chain.AnchorAsync(TestChains.RandomRoot(), 11, CancellationToken.None);
        var (_, otherContract) = await TestChains.DeployAsync(RpcUrl);

        await AssertFails(record with { Root = TestChains.RandomRoot() }, AnchorVerificationFailure.RootMismatch, "root");
        await AssertFails(record with { TreeSize = 11 }, AnchorVerificationFailure.TreeSizeMismatch, "tree size 10");
        await AssertFails(record with { TxHash = other.TxHash }, AnchorVerificationFailure.RootMismatch, other.TxHash);
        await AssertFails(record with { TxHash = TestChains.RandomRoot().ToHex(true) }, AnchorVerificationFailure.TransactionNotFound, "does not know");
        await AssertFails(record with { Contract = otherContract }, AnchorVerificationFailure.ContractMismatch, otherContract);
        await AssertFails(record with { ChainId = 1 }, AnchorVerificationFailure.ChainIdMismatch, "record chain id 1");
        await AssertFails(record with { BlockNumber = record.BlockNumber + 1 }, AnchorVerificationFailure.BlockMismatch, "the record says");
        await AssertFails(record with { BlockHash = TestChains.RandomRoot().ToHex(true) }, AnchorVerificationFailure.BlockMismatch, "hash");
        await AssertFails(record with { BlockTime = record.BlockTime.AddSeconds(1) }, AnchorVerificationFailure.BlockTimeMismatch, "time");

        // The same record checked against another registry: the configured contract differs.
        var againstOther = TestChains.Create(RpcUrl, otherContract);
        var verification = await againstOther.VerifyAsync(record, CancellationToken.None);
        Assert.Equal(AnchorVerificationFailure.ContractMismatch, verification.Failure);

        async Task AssertFails(AnchorRecord forged, AnchorVerificationFailure expected, string reasonContains)
        {
            var result = await chain.VerifyAsync(forged, CancellationToken.None);
            Assert.False(result.IsValid);
            Assert.Equal(expected, result.Failure);
            Assert.Contains(reasonContains, result.Reason, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public async Task A_record_with_an_unknown_transaction_is_reported_dropped()
    {
        var (chain, _) = await TestChains.DeployAsync(RpcUrl);
        var record = await chain.AnchorAsync(TestChains.RandomRoot(), 5, CancellationToken.None);

        var dropped = await chain.CheckInclusionAsync(record with { TxHash = TestChains.RandomRoot().ToHex(true) }, CancellationToken.None);
        var moved = await chain.CheckInclusionAsync(record with { BlockHash = TestChains.RandomRoot().ToHex(true) }, CancellationToken.None);

        Assert.Equal(AnchorInclusionStatus.Dropped, dropped.Status);
        Assert.True(dropped.ShouldResend);
        Assert.Equal(AnchorInclusionStatus.Reorganised, moved.Status);
        Assert.Equal(record.BlockNumber, moved.BlockNumber);
    }

    private async Task<string> NonceAsync() =>
        await anvil.Node.RpcAsync("eth_getTransactionCount", $$"""["{{DevAccounts.OwnerAddress}}","pending"]""");
}
