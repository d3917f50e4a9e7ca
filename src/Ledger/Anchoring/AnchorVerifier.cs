using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;

namespace SafetyLedger.Ledger.Anchoring;

/// <summary>
/// Checks an <see cref="AnchorRecord"/> against the chain (<see cref="VerifyAsync"/>) and tells where its
/// transaction stands now (<see cref="CheckInclusionAsync"/>). Needs no key.
/// </summary>
internal sealed class AnchorVerifier(ChainRpc rpc, ChainOptions options, Func<byte[], CancellationToken, Task<AnchorLookup?>> lookup)
{
    public async Task<AnchorVerification> VerifyAsync(AnchorRecord record, string contract, CancellationToken cancellationToken)
    {
        var nodeChainId = await rpc.ChainIdAsync(cancellationToken);
        if (record.ChainId != options.ChainId || nodeChainId != options.ChainId)
        {
            return Fail(AnchorVerificationFailure.ChainIdMismatch, $"record chain id {record.ChainId}, configured {options.ChainId}, node reports {nodeChainId}");
        }

        if (!record.Contract.IsTheSameAddress(contract))
        {
            return Fail(AnchorVerificationFailure.ContractMismatch, $"record names contract {record.Contract}, the configured AnchorRegistry is {contract}");
        }

        var transaction = await rpc.TransactionAsync(record.TxHash, cancellationToken);
        if (transaction is null)
        {
            return Fail(AnchorVerificationFailure.TransactionNotFound, $"the node does not know transaction {record.TxHash}");
        }

        var receipt = await rpc.ReceiptAsync(record.TxHash, cancellationToken);
        if (receipt?.BlockNumber is null)
        {
            return Fail(AnchorVerificationFailure.TransactionPending, $"transaction {record.TxHash} is not mined");
        }

        if (!receipt.Succeeded())
        {
            return Fail(AnchorVerificationFailure.TransactionFailed, $"transaction {record.TxHash} reverted");
        }

        if (transaction.To is null || !transaction.To.IsTheSameAddress(contract))
        {
            return Fail(AnchorVerificationFailure.WrongRecipient, $"transaction {record.TxHash} was sent to {transaction.To ?? "(contract creation)"}, not to {contract}");
        }

        var eventCheck = CheckEvent(contract, receipt, record);
        if (eventCheck is not null)
        {
            return eventCheck;
        }

        return await CheckBlockAndStateAsync(record, receipt, cancellationToken);
    }

    public async Task<AnchorInclusion> CheckInclusionAsync(AnchorRecord record, CancellationToken cancellationToken)
    {
        var receipt = await rpc.ReceiptAsync(record.TxHash, cancellationToken);
        if (receipt?.BlockNumber is null)
        {
            var known = await rpc.TransactionAsync(record.TxHash, cancellationToken) is not null;
            return new AnchorInclusion(known ? AnchorInclusionStatus.Pending : AnchorInclusionStatus.Dropped, 0, null, null);
        }

        var blockNumber = (long)receipt.BlockNumber.Value;
        var block = await rpc.BlockAsync(blockNumber, cancellationToken);
        var latest = await rpc.BlockNumberAsync(cancellationToken);
        var confirmations = Math.Max(0, latest - blockNumber + 1);
        var moved = blockNumber != record.BlockNumber
            || (record.BlockHash is not null && !record.BlockHash.IsTheSameHex(receipt.BlockHash))
            || block is null || !block.BlockHash.IsTheSameHex(receipt.BlockHash);
        if (moved)
        {
            return new AnchorInclusion(AnchorInclusionStatus.Reorganised, confirmations, blockNumber, receipt.BlockHash);
        }

        var status = confirmations >= options.Confirmations ? AnchorInclusionStatus.Confirmed : AnchorInclusionStatus.AwaitingConfirmations;
        return new AnchorInclusion(status, confirmations, blockNumber, receipt.BlockHash);
    }

    private static AnchorVerification Fail(AnchorVerificationFailure failure, string reason) => AnchorVerification.Fail(failure, reason);

    private static AnchorVerification? CheckEvent(string contract, TransactionReceipt receipt, AnchorRecord record)
    {
        var anchored = (receipt.Logs ?? [])
            .Where(log => log.Address.IsTheSameAddress(contract) && log.IsLogForEvent<AnchoredEvent>())
            .Select(log => log.DecodeEvent<AnchoredEvent>().Event)
            .ToList();
        if (anchored.Count == 0)
        {
            return Fail(AnchorVerificationFailure.EventMissing, $"transaction {record.TxHash} emitted no Anchored event of {contract}");
        }

        var emitted = anchored[0];
        if (!emitted.Root.AsSpan().SequenceEqual(record.Root))
        {
            return Fail(AnchorVerificationFailure.RootMismatch, $"transaction {record.TxHash} anchored root {emitted.Root.ToHex(true)}, the record says {record.Root.ToHex(true)}");
        }

        if ((long)emitted.TreeSize != record.TreeSize)
        {
            return Fail(AnchorVerificationFailure.TreeSizeMismatch, $"transaction {record.TxHash} anchored tree size {emitted.TreeSize}, the record says {record.TreeSize}");
        }

        return null;
    }

    private async Task<AnchorVerification> CheckBlockAndStateAsync(AnchorRecord record, TransactionReceipt receipt, CancellationToken cancellationToken)
    {
        var minedIn = (long)receipt.BlockNumber.Value;
        if (minedIn != record.BlockNumber)
        {
            return Fail(AnchorVerificationFailure.BlockMismatch, $"transaction {record.TxHash} is in block {minedIn}, the record says {record.BlockNumber}");
        }

        var block = await rpc.BlockAsync(minedIn, cancellationToken);
        if (block is null || !block.BlockHash.IsTheSameHex(receipt.BlockHash))
        {
            return Fail(AnchorVerificationFailure.BlockMismatch, $"block {minedIn} is now {block?.BlockHash ?? "missing"}, the receipt names {receipt.BlockHash}: reorganised");
        }

        if (record.BlockHash is not null && !record.BlockHash.IsTheSameHex(block.BlockHash))
        {
            return Fail(AnchorVerificationFailure.BlockMismatch, $"block {minedIn} has hash {block.BlockHash}, the record says {record.BlockHash}");
        }

        var blockTime = DateTimeOffset.FromUnixTimeSeconds((long)block.Timestamp.Value);
        if (blockTime != record.BlockTime)
        {
            return Fail(AnchorVerificationFailure.BlockTimeMismatch, $"block {minedIn} has time {blockTime:O}, the record says {record.BlockTime:O}");
        }

        var stored = await lookup(record.Root, cancellationToken);
        if (stored is null || stored.TreeSize != record.TreeSize || stored.AnchoredAt != blockTime)
        {
            return Fail(AnchorVerificationFailure.StateMismatch, $"the contract holds {(stored is null ? "nothing" : $"tree size {stored.TreeSize} at {stored.AnchoredAt:O}")} for root {record.Root.ToHex(true)}");
        }

        var confirmations = await rpc.BlockNumberAsync(cancellationToken) - minedIn + 1;
        if (confirmations < options.Confirmations)
        {
            return Fail(AnchorVerificationFailure.NotConfirmed, $"transaction {record.TxHash} has {confirmations} of {options.Confirmations} confirmations");
        }

        return AnchorVerification.Valid($"root {record.Root.ToHex(true)} (tree size {record.TreeSize}) anchored by {record.TxHash} in block {minedIn} at {blockTime:O}, {confirmations} confirmations");
    }
}
