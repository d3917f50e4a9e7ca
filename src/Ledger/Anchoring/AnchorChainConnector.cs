using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SafetyLedger.Ledger.Storage;

namespace SafetyLedger.Ledger.Anchoring;

/// <summary>
/// Connects to the configured chain. The contract is <c>Anchoring:Chain:ContractAddress</c> when set;
/// otherwise the one remembered in <see cref="AnchoringOptions.ContractFile"/>; otherwise, with
/// <see cref="AnchoringOptions.DeployIfMissing"/>, a new AnchorRegistry deployed now and remembered.
/// </summary>
public sealed partial class AnchorChainConnector(
    IOptions<ChainOptions> chainOptions,
    IOptions<AnchoringOptions> anchoringOptions,
    IOptions<LedgerStorageOptions> storageOptions,
    TimeProvider time,
    ILoggerFactory loggerFactory) : IAnchorChainConnector
{
    private readonly ILogger logger = loggerFactory.CreateLogger<AnchorChainConnector>();
    private NethereumAnchorChain? connected;

    private string ContractFilePath => Path.Combine(storageOptions.Value.DataDirectory, anchoringOptions.Value.ContractFile);

    public async Task<IAnchorChain> ConnectAsync(CancellationToken cancellationToken)
    {
        if (connected is not null)
        {
            return connected;
        }

        var options = chainOptions.Value;
        if (string.IsNullOrWhiteSpace(options.ContractAddress))
        {
            options = options.WithContract(await RememberedOrDeployedAsync(options, cancellationToken));
        }

        var chain = Create(options);
        if (!await chain.HasContractCodeAsync(cancellationToken))
        {
            throw new AnchorException($"There is no contract code at {options.ContractAddress} on chain {options.ChainId} ({options.RpcUrl}). "
                + $"If a development chain lost its state, delete '{ContractFilePath}' to deploy anew.");
        }

        connected = chain;
        return chain;
    }

    private async Task<string> RememberedOrDeployedAsync(ChainOptions options, CancellationToken cancellationToken)
    {
        var path = ContractFilePath;
        if (await AnchorContractFile.ReadAsync(path, cancellationToken) is { } remembered)
        {
            if (remembered.ChainId != options.ChainId)
            {
                throw new AnchorException($"'{path}' remembers a contract on chain {remembered.ChainId}, but chain {options.ChainId} is configured.");
            }

            return remembered.Contract;
        }

        if (!anchoringOptions.Value.DeployIfMissing)
        {
            throw new AnchorException("No AnchorRegistry address is configured (Anchoring:Chain:ContractAddress) or remembered, and DeployIfMissing is off.");
        }

        var contract = await Create(options).DeployAsync(cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await new AnchorContractFile(options.ChainId, contract).WriteAsync(path, cancellationToken);
        LogDeployed(contract, options.ChainId, path);
        return contract;
    }

    private NethereumAnchorChain Create(ChainOptions options) =>
        new(Options.Create(options), time, loggerFactory.CreateLogger<NethereumAnchorChain>());

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployed the AnchorRegistry {Contract} on chain {ChainId}; remembered in {Path}")]
    private partial void LogDeployed(string contract, long chainId, string path);
}
