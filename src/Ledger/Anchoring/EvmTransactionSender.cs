using System.Numerics;
using Microsoft.Extensions.Logging;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.JsonRpc.Client;
using Nethereum.Model;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Signer;
using Nethereum.Util;

namespace SafetyLedger.Ledger.Anchoring;

/// <summary>
/// Signs and sends transactions of one account with everything explicit — nonce from the node's
/// pending count, configured gas limit and fees, no estimation — and waits for them with a short
/// poll of its own, rebroadcasting a transaction the node lost while its nonce is still free.
/// </summary>
internal sealed class EvmTransactionSender
{
    private readonly ChainRpc rpc;
    private readonly EthECKey key;
    private readonly ChainOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger logger;

    public EvmTransactionSender(ChainRpc rpc, EthECKey key, ChainOptions options, TimeProvider timeProvider, ILogger logger)
    {
        this.rpc = rpc;
        this.key = key;
        this.options = options;
        this.timeProvider = timeProvider;
        this.logger = logger;
        From = new AddressUtil().ConvertToChecksumAddress(key.GetPublicAddress());
    }

    /// <summary>The sending (owner) account, checksummed.</summary>
    public string From { get; }

    /// <summary>
    /// Waits until no transaction of this account is pending (e.g. one sent before a restart), so the
    /// caller can look the chain up again before sending and never anchors a root twice.
    /// </summary>
    public async Task WaitForInFlightAsync(CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        var logged = false;
        while (true)
        {
            var mined = await rpc.NonceAsync(From, BlockParameter.CreateLatest(), cancellationToken);
            var pending = await rpc.NonceAsync(From, BlockParameter.CreatePending(), cancellationToken);
            if (pending <= mined)
            {
                return;
            }

            if (!logged)
            {
                logger.WaitingForInFlight(From, pending - mined, mined);
                logged = true;
            }

            if (timeProvider.GetElapsedTime(started) > options.TxTimeout)
            {
                throw new AnchorException(
                    $"Account {From} still has transactions pending at nonces {mined}..{pending - 1} after {options.TxTimeout}; " +
                    "they may be underpriced: raise the fees or replace them, then retry.");
            }

            await Task.Delay(options.ReceiptPollInterval, timeProvider, cancellationToken);
        }
    }

    /// <summary>Signs a transaction to <paramref name="to"/> (null deploys) at the account's pending nonce and sends it.</summary>
    public async Task<SentTransaction> SendAsync(string? to, string data, long gasLimit, CancellationToken cancellationToken)
    {
        var nonce = await rpc.NonceAsync(From, BlockParameter.CreatePending(), cancellationToken);
        var raw = Sign(to, data, gasLimit, nonce);
        var hash = Sha3Keccack.Current.CalculateHash(raw.HexToByteArray()).ToHex(true);
        var sent = new SentTransaction(hash, raw, nonce, timeProvider.GetUtcNow());
        await BroadcastAsync(sent, cancellationToken);
        logger.TransactionSent(hash, From, nonce, gasLimit);
        return sent;
    }

    /// <summary>
    /// Polls until <paramref name="sent"/> is mined with the configured confirmations in a block that is
    /// still canonical, tolerating a node that is briefly unreachable. Rebroadcasts the raw transaction
    /// if the node lost it while its nonce is free; throws <see cref="TransactionDroppedException"/>
    /// when the nonce was taken by another transaction, and <see cref="AnchorException"/> on timeout.
    /// </summary>
    public async Task<TransactionReceipt> WaitForConfirmationsAsync(SentTransaction sent, CancellationToken cancellationToken)
    {
        var started = timeProvider.GetTimestamp();
        while (true)
        {
            try
            {
                var receipt = await ConfirmedReceiptAsync(sent, cancellationToken);
                if (receipt is not null)
                {
                    return receipt;
                }
            }
            catch (Exception exception) when (ChainRpc.IsTransient(exception))
            {
                logger.NodeUnreachable(exception, sent.Hash);
            }

            if (timeProvider.GetElapsedTime(started) > options.TxTimeout)
            {
                throw new AnchorException($"Transaction {sent.Hash} (nonce {sent.Nonce}) was not confirmed within {options.TxTimeout}.");
            }

            await Task.Delay(options.ReceiptPollInterval, timeProvider, cancellationToken);
        }
    }

    private async Task<TransactionReceipt?> ConfirmedReceiptAsync(SentTransaction sent, CancellationToken cancellationToken)
    {
        var receipt = await rpc.ReceiptAsync(sent.Hash, cancellationToken);
        if (receipt?.BlockNumber is null)
        {
            await RecoverIfLostAsync(sent, cancellationToken);
            return null;
        }

        var blockNumber = (long)receipt.BlockNumber.Value;
        var latest = await rpc.BlockNumberAsync(cancellationToken);
        if (latest - blockNumber + 1 < options.Confirmations)
        {
            return null;
        }

        // A receipt can outlive a reorganisation on some nodes: accept it only if its block is canonical.
        var block = await rpc.BlockAsync(blockNumber, cancellationToken);
        if (block is null || !block.BlockHash.IsTheSameHex(receipt.BlockHash))
        {
            logger.ReceiptNotCanonical(sent.Hash, blockNumber, receipt.BlockHash);
            return null;
        }

        return receipt;
    }

    private async Task RecoverIfLostAsync(SentTransaction sent, CancellationToken cancellationToken)
    {
        if (await rpc.TransactionAsync(sent.Hash, cancellationToken) is not null)
        {
            return;
        }

        var mined = await rpc.NonceAsync(From, BlockParameter.CreateLatest(), cancellationToken);
        if (mined > sent.Nonce)
        {
            throw new TransactionDroppedException($"Transaction {sent.Hash} was dropped and its nonce {sent.Nonce} is used by another transaction.");
        }

        logger.Rebroadcasting(sent.Hash, sent.Nonce);
        await BroadcastAsync(sent, cancellationToken);
    }

    private async Task BroadcastAsync(SentTransaction sent, CancellationToken cancellationToken)
    {
        try
        {
            var accepted = await rpc.SendRawAsync(sent.RawHex, cancellationToken);
            if (!accepted.IsTheSameHex(sent.Hash))
            {
                throw new AnchorException($"Node returned transaction hash {accepted} for a transaction whose hash is {sent.Hash}.");
            }
        }
        catch (RpcResponseException exception) when (exception.RpcError.Message.Contains("already known", StringComparison.OrdinalIgnoreCase))
        {
            logger.TransactionAlreadyKnown(sent.Hash);
        }
        catch (RpcResponseException exception)
        {
            throw new AnchorException($"Node refused transaction {sent.Hash} (nonce {sent.Nonce}): {exception.RpcError.Message}", exception);
        }
    }

    private string Sign(string? to, string data, long gasLimit, long nonce)
    {
        if (options.MaxFeePerGasWei is { } maxFee)
        {
            var priorityFee = options.MaxPriorityFeePerGasWei ?? 0;
            var transaction = new Transaction1559(options.ChainId, nonce, priorityFee, maxFee, gasLimit, to, BigInteger.Zero, data, []);
            return new Transaction1559Signer().SignTransaction(key, transaction).EnsureHexPrefix();
        }

        var gasPrice = options.GasPriceWei ?? throw new AnchorException("No fees configured: set MaxFeePerGasWei/MaxPriorityFeePerGasWei or GasPriceWei.");
        return new LegacyTransactionSigner()
            .SignTransaction(key.GetPrivateKeyAsBytes(), new BigInteger(options.ChainId), to, BigInteger.Zero, nonce, gasPrice, gasLimit, data)
            .EnsureHexPrefix();
    }
}
