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

    public async Task<IAnchorChain> ConnectAsync(CancellationToken cancellationToken) => (await ConnectAsync(deployIfMissing: true, cancellationToken))!;

    public Task<IAnchorChain?> ConnectExistingAsync(CancellationToken cancellationToken) => ConnectAsync(deployIfMissing: false, cancellationToken);

    private async Task<IAnchorChain?> ConnectAsync(bool deployIfMissing, CancellationToken cancellationToken)
    {
        if (connected is not null)
        {
            return connected;
        }

        var options = chainOptions.Value;
        var remembered = await RememberedAsync(options, cancellationToken);
        long? deploymentBlock = null;
        if (!string.IsNullOrWhiteSpace(options.ContractAddress))
        {
            deploymentBlock = remembered is not null && remembered.Contract.Equals(options.ContractAddress, StringComparison.OrdinalIgnoreCase) ? remembered.DeploymentBlock : null;
        }
        else if (remembered is not null)
        {
            options = options.WithContract(remembered.Contract);
            deploymentBlock = remembered.DeploymentBlock;
        }
        else if (!deployIfMissing)
        {
            return null;
        }
        else
        {
            var deployment = await DeployAsync(options, cancellationToken);
            options = options.WithContract(deployment.Contract);
            deploymentBlock = deployment.BlockNumber;
        }

        var chain = Create(options, deploymentBlock);
        if (!await chain.HasContractCodeAsync(cancellationToken))
        {
            throw new AnchorException($"There is no contract code at {options.ContractAddress} on chain {options.ChainId} ({options.RpcUrl}). "
                + $"If a development chain lost its state, delete '{ContractFilePath}' to deploy anew.");
        }

        connected = chain;
        return chain;
    }

    private async Task<AnchorContractFile?> RememberedAsync(ChainOptions options, CancellationToken cancellationToken)
    {
        var path = ContractFilePath;
        var remembered = await AnchorContractFile.ReadAsync(path, cancellationToken);
        if (remembered is not null && string.IsNullOrWhiteSpace(options.ContractAddress) && remembered.ChainId != options.ChainId)
        {
            throw new AnchorException($"'{path}' remembers a contract on chain {remembered.ChainId}, but chain {options.ChainId} is configured.");
        }

        return remembered;
    }

    private async Task<AnchorDeployment> DeployAsync(ChainOptions options, CancellationToken cancellationToken)
    {
        if (!anchoringOptions.Value.DeployIfMissing)
        {
            throw new AnchorException("No AnchorRegistry address is configured (Anchoring:Chain:ContractAddress) or remembered, and DeployIfMissing is off.");
        }

        var path = ContractFilePath;
        var deployment = await Create(options, null).DeployRegistryAsync(cancellationToken);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        await new AnchorContractFile(options.ChainId, deployment.Contract, deployment.BlockNumber).WriteAsync(path, cancellationToken);
        LogDeployed(deployment.Contract, options.ChainId, path);
        return deployment;
    }

    private NethereumAnchorChain Create(ChainOptions options, long? deploymentBlock) =>
        new(Options.Create(options), time, loggerFactory.CreateLogger<NethereumAnchorChain>()) { DeploymentBlockHint = deploymentBlock };

    [LoggerMessage(Level = LogLevel.Information, Message = "Deployed the AnchorRegistry {Contract} on chain {ChainId}; remembered in {Path}")]
    private partial void LogDeployed(string contract, long chainId, string path);
}
