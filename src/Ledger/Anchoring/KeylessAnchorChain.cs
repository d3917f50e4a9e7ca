using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace SafetyLedger.Ledger.Anchoring;

/// <summary>Chain clients for verifiers: no key, so they can look up and verify anchors but never send.</summary>
public static class KeylessAnchorChain
{
    /// <summary>A client for the AnchorRegistry <paramref name="contract"/> on chain <paramref name="chainId"/> at <paramref name="rpcUrl"/>.</summary>
    public static NethereumAnchorChain Create(Uri rpcUrl, long chainId, string contract, TimeProvider time) =>
        new(
            Options.Create(new ChainOptions
            {
                RpcUrl = rpcUrl,
                ChainId = chainId,
                ContractAddress = contract,

                // Never used: without a key nothing is signed or sent, but the options validator wants explicit fees.
                GasPriceWei = 1,
            }),
            time,
            NullLogger<NethereumAnchorChain>.Instance);
}
