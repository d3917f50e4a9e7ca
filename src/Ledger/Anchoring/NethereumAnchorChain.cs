using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Signer;
using Nethereum.Util;
using Nethereum.Web3;

namespace SafetyLedger.Ledger.Anchoring;

/// <summary>
/// <see cref="IAnchorChain"/> over JSON-RPC with Nethereum. Every transaction is signed locally with
/// an explicit nonce (the account's pending count), gas limit and fees; receipts are polled with
/// <see cref="ChainOptions.ReceiptPollInterval"/> rather than Nethereum's receipt service. Without a
/// key it can still look up and verify anchors.
/// </summary>
public sealed class NethereumAnchorChain : IAnchorChain
{
    private const int RootLength = 32;

    private readonly ChainOptions options;
    private readonly ChainRpc rpc;
    private readonly EvmTransactionSender? sender;
    private readonly AnchorRegistryArtifacts artifacts = AnchorRegistryArtifacts.Load();
    private readonly AnchorVerifier verifier;
    private readonly AnchorHistoryReader history;
    private readonly ILogger logger;

    /// <summary>Creates the chain client; throws <see cref="OptionsValidationException"/> for invalid options.</summary>
    public NethereumAnchorChain(IOptions<ChainOptions> options, TimeProvider timeProvider, ILogger<NethereumAnchorChain> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(logger);
        this.options = options.Value;
        this.logger = logger;
        var validation = new ChainOptionsValidator().Validate(Options.DefaultName, this.options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(ChainOptions), validation.Failures);
        }

        rpc = new ChainRpc(new Web3(new RpcClient(this.options.RpcUrl, authHeaderValue: null, jsonSerializerSettings: null, httpClientHandler: null, log: null)));
        verifier = new AnchorVerifier(rpc, this.options, LookupAsync);
        history = new AnchorHistoryReader(rpc, this.options, logger);
        var key = ReadKey(this.options);
        sender = key is null ? null : new EvmTransactionSender(rpc, key, this.options, timeProvider, logger);
    }

    /// <summary>The anchoring account (checksummed), or null when no key is configured.</summary>
    public string? Account => sender?.From;

    /// <summary>The block the contract was deployed in, when remembered; <see cref="ListAnchorsAsync"/> checks it before relying on it.</summary>
    public long? DeploymentBlockHint { get; init; }

    /// <inheritdoc />
    public async Task<string> DeployAsync(CancellationToken cancellationToken) => (await DeployRegistryAsync(cancellationToken)).Contract;

    /// <summary>Deploys AnchorRegistry like <see cref="DeployAsync"/>; also tells the block and transaction of the deployment.</summary>
    public async Task<AnchorDeployment> DeployRegistryAsync(CancellationToken cancellationToken)
    {
        var account = RequireSender();
        await EnsureChainIdAsync(cancellationToken);
        await account.WaitForInFlightAsync(cancellationToken);
        var sent = await account.SendAsync(null, artifacts.Bytecode, options.DeployGasLimit, cancellationToken);
        var receipt = await account.WaitForConfirmationsAsync(sent, cancellationToken);
        if (!receipt.Succeeded() || string.IsNullOrEmpty(receipt.ContractAddress))
        {
            throw new AnchorException($"Deployment transaction {sent.Hash} failed (gas used {receipt.GasUsed?.Value} of {options.DeployGasLimit}).");
        }

        var address = Checksum(receipt.ContractAddress);
        var block = (long)receipt.BlockNumber.Value;
        logger.Deployed(address, block, sent.Hash, account.From);
        return new AnchorDeployment(address, block, sent.Hash);
    }

    /// <inheritdoc />
    public async Task<AnchorRecord> AnchorAsync(byte[] root, long treeSize, CancellationToken cancellationToken)
    {
        CheckRoot(root);
        ArgumentOutOfRangeException.ThrowIfNegative(treeSize);
        var contract = RequireContract();
        var account = RequireSender();
        await EnsureChainIdAsync(cancellationToken);
        var rootHex = root.ToHex(true);
        var data = new AnchorFunction { Root = root, TreeSize = (ulong)treeSize }.GetCallData().ToHex(true);
        for (var attempt = 1; attempt <= options.MaxSendAttempts; attempt++)
        {
            await account.WaitForInFlightAsync(cancellationToken);
            if (await FindExistingAsync(contract, root, treeSize, cancellationToken) is { } existing)
            {
                logger.AlreadyAnchored(rootHex, existing.TxHash);
                return existing;
            }

            var sent = await account.SendAsync(contract, data, options.GasLimit, cancellationToken);
            TransactionReceipt receipt;
            try
            {
                receipt = await account.WaitForConfirmationsAsync(sent, cancellationToken);
            }
            catch (TransactionDroppedException exception)
            {
                logger.AnchorDropped(exception, sent.Hash, rootHex, attempt);
                continue;
            }

            if (receipt.Succeeded())
            {
                var record = RecordFromLogs(contract, receipt.Logs, root)
                    ?? throw new AnchorException($"Anchor transaction {sent.Hash} succeeded but emitted no Anchored event for root {rootHex}.");
                logger.Anchored(rootHex, treeSize, record.TxHash, record.BlockNumber, (long)receipt.GasUsed.Value);
                return record;
            }

            // Reverted: an earlier transaction of ours (e.g. sent before a restart) may have anchored the root meanwhile.
            if (await FindExistingAsync(contract, root, treeSize, cancellationToken) is { } anchoredMeanwhile)
            {
                return anchoredMeanwhile;
            }

            var (errorName, error) = await ExplainRevertAsync(contract, data, account.From, cancellationToken);
            throw new AnchorRevertedException(sent.Hash, errorName, error);
        }

        throw new AnchorException($"Gave up anchoring root {rootHex} after {options.MaxSendAttempts} dropped transactions.");
    }

    /// <inheritdoc />
    public async Task<AnchorLookup?> LookupAsync(byte[] root, CancellationToken cancellationToken)
    {
        CheckRoot(root);
        var contract = RequireContract();
        var query = rpc.Web3.Eth.GetContractQueryHandler<AnchoredAtFunction>();
        var output = await query
            .QueryDeserializingToObjectAsync<AnchoredAtOutput>(new AnchoredAtFunction { Root = root }, contract, BlockParameter.CreateLatest())
            .WaitAsync(cancellationToken);
        return output.Timestamp.IsZero
            ? null
            : new AnchorLookup(root.ToArray(), checked((long)output.TreeSize), DateTimeOffset.FromUnixTimeSeconds((long)output.Timestamp));
    }

    /// <inheritdoc />
    public Task<AnchorVerification> VerifyAsync(AnchorRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return verifier.VerifyAsync(record, RequireContract(), cancellationToken);
    }

    /// <inheritdoc />
    public Task<AnchorInclusion> CheckInclusionAsync(AnchorRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        return verifier.CheckInclusionAsync(record, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<OnChainAnchorHistory> ListAnchorsAsync(CancellationToken cancellationToken)
    {
        var contract = RequireContract();
        await EnsureChainIdAsync(cancellationToken);
        return await history.ReadAsync(contract, DeploymentBlockHint, cancellationToken);
    }

    /// <summary>True when the configured contract address holds code on the chain (false after, e.g., a dev chain lost its state).</summary>
    public async Task<bool> HasContractCodeAsync(CancellationToken cancellationToken)
    {
        return ChainRpc.IsCode(await rpc.CodeAsync(RequireContract(), cancellationToken));
    }

    private static string Checksum(string address) => new AddressUtil().ConvertToChecksumAddress(address);

    private static void CheckRoot(byte[] root)
    {
        ArgumentNullException.ThrowIfNull(root);
        if (root.Length != RootLength)
        {
            throw new ArgumentException($"A root is {RootLength} bytes, got {root.Length}.", nameof(root));
        }
    }

    private static EthECKey? ReadKey(ChainOptions options)
    {
        var hex = options.PrivateKey;
        if (string.IsNullOrWhiteSpace(hex) && !string.IsNullOrWhiteSpace(options.PrivateKeyFile))
        {
            hex = File.ReadAllText(options.PrivateKeyFile);
        }

        if (string.IsNullOrWhiteSpace(hex))
        {
            return null;
        }

        hex = hex.Trim();
        if (!hex.IsHex() || hex.RemoveHexPrefix().Length != 64)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(ChainOptions), ["The private key must be 32 bytes of hex."]);
        }

        return new EthECKey(hex);
    }

    private AnchorRecord? RecordFromLogs(string contract, IEnumerable<FilterLog>? logs, byte[] root)
    {
        foreach (var log in logs ?? [])
        {
            if (log.Removed || !log.Address.IsTheSameAddress(contract) || !log.IsLogForEvent<AnchoredEvent>())
            {
                continue;
            }

            var anchored = log.DecodeEvent<AnchoredEvent>().Event;
            if (anchored.Root.AsSpan().SequenceEqual(root))
            {
                return new AnchorRecord(
                    options.ChainId,
                    contract,
                    log.TransactionHash.ToLowerInvariant(),
                    (long)log.BlockNumber.Value,
                    DateTimeOffset.FromUnixTimeSeconds((long)anchored.Timestamp),
                    root.ToArray(),
                    checked((long)anchored.TreeSize))
                {
                    BlockHash = log.BlockHash,
                };
            }
        }

        return null;
    }

    private async Task<AnchorRecord?> FindExistingAsync(string contract, byte[] root, long treeSize, CancellationToken cancellationToken)
    {
        var stored = await LookupAsync(root, cancellationToken);
        if (stored is null)
        {
            return null;
        }

        if (stored.TreeSize != treeSize)
        {
            throw new AnchorException($"Root {root.ToHex(true)} is already anchored for tree size {stored.TreeSize}, not {treeSize}.");
        }

        var filter = new NewFilterInput
        {
            Address = [contract],
            Topics = [AnchoredEvent.Topic, root.ToHex(true)],
            FromBlock = new BlockParameter((ulong)options.FromBlock),
            ToBlock = BlockParameter.CreateLatest(),
        };
        var logs = await rpc.LogsAsync(filter, cancellationToken);
        return RecordFromLogs(contract, logs, root)
            ?? throw new AnchorException($"The contract holds root {root.ToHex(true)} but no Anchored event for it was found from block {options.FromBlock}; is FromBlock after the deployment?");
    }

    private async Task<(string? Name, string Text)> ExplainRevertAsync(string contract, string data, string from, CancellationToken cancellationToken)
    {
        try
        {
            await rpc.CallAsync(new CallInput(data, contract) { From = from }, cancellationToken);
            return (null, "reverted when mined, but the same call succeeds now (out of gas or state changed)");
        }
        catch (SmartContractCustomErrorRevertException exception)
        {
            return artifacts.DescribeRevert(exception.ExceptionEncodedData);
        }
        catch (RpcResponseException exception)
        {
            return artifacts.DescribeRevert(exception.RpcError.Data?.ToString());
        }
    }

    private async Task EnsureChainIdAsync(CancellationToken cancellationToken)
    {
        var nodeChainId = await rpc.ChainIdAsync(cancellationToken);
        if (nodeChainId != options.ChainId)
        {
            throw new AnchorException($"The node at {options.RpcUrl} reports chain id {nodeChainId}, configured {options.ChainId}.");
        }
    }

    private string RequireContract()
    {
        var address = options.ContractAddress;
        if (string.IsNullOrWhiteSpace(address) || !address.IsValidEthereumAddressHexFormat())
        {
            throw new AnchorException("ChainOptions.ContractAddress is not set to a valid address; deploy the contract first.");
        }

        return Checksum(address);
    }

    private EvmTransactionSender RequireSender() =>
        sender ?? throw new AnchorException("No anchoring key configured: set ChainOptions.PrivateKeyFile (or PrivateKey).");
}
