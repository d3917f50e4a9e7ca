using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Nethereum.JsonRpc.Client;
using Nethereum.Web3;

namespace SafetyLedger.Ledger.Anchoring;

/// <summary>Chain clients for verifiers: no key, so they can look up and verify anchors but never send.</summary>
public static class KeylessAnchorChain
{
    /// <summary>A client for the AnchorRegistry <paramref name="contract"/> on chain <paramref name="chainId"/> at <paramref name="rpcUrl"/>.</summary>
    public static NethereumAnchorChain Create(Uri rpcUrl, long chainId, string contract, TimeProvider time) =>
        Create(rpcUrl, chainId, contract, new ChainOptions(), null, time);

    /// <summary>
    /// Like <see cref="Create(Uri, long, string, TimeProvider)"/>, listing anchors from <see cref="ChainOptions.FromBlock"/>
    /// in ranges of <see cref="ChainOptions.LogBlockRange"/> of <paramref name="settings"/>, with a remembered deployment block.
    /// </summary>
    public static NethereumAnchorChain Create(Uri rpcUrl, long chainId, string contract, ChainOptions settings, long? deploymentBlockHint, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(settings);
        return new(
            Options.Create(new ChainOptions
            {
                RpcUrl = rpcUrl,
                ChainId = chainId,
                ContractAddress = contract,
                FromBlock = settings.FromBlock,
                LogBlockRange = settings.LogBlockRange,

                // Never used: without a key nothing is signed or sent, but the options validator wants explicit fees.
                GasPriceWei = 1,
            }),
            time,
            NullLogger<NethereumAnchorChain>.Instance)
        {
            DeploymentBlockHint = deploymentBlockHint,
        };
    }

    /// <summary>The chain id the node at <paramref name="rpcUrl"/> reports.</summary>
    public static async Task<long> NodeChainIdAsync(Uri rpcUrl, CancellationToken cancellationToken)
    {
        var web3 = new Web3(new RpcClient(rpcUrl, authHeaderValue: null, jsonSerializerSettings: null, httpClientHandler: null, log: null));
        return await new ChainRpc(web3).ChainIdAsync(cancellationToken);
    }
}
