using System.Security.Cryptography;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SafetyLedger.Ledger.Anchoring;

namespace SafetyLedger.Anvil.Testing;

/// <summary>Builds chain clients against a test node with explicit EIP-1559 fees.</summary>
public static class TestChains
{
    public static ChainOptions Options(Uri rpcUrl, string? contract, string key = DevAccounts.OwnerKey) => new()
    {
        RpcUrl = rpcUrl,
        ChainId = DevAccounts.AnvilChainId,
        ContractAddress = contract,
        PrivateKey = key,
        MaxFeePerGasWei = 10_000_000_000,
        MaxPriorityFeePerGasWei = 1_000_000_000,
        ReceiptPollInterval = TimeSpan.FromMilliseconds(50),
        TxTimeout = TimeSpan.FromSeconds(30),
    };

    public static NethereumAnchorChain Create(ChainOptions options) =>
        new(Microsoft.Extensions.Options.Options.Create(options), TimeProvider.System, NullLogger<NethereumAnchorChain>.Instance);

    public static NethereumAnchorChain Create(Uri rpcUrl, string? contract, string key = DevAccounts.OwnerKey) =>
        Create(Options(rpcUrl, contract, key));

    /// <summary>Deploys a fresh AnchorRegistry owned by the owner dev account and returns a client bound to it.</summary>
    public static async Task<(NethereumAnchorChain Chain, string Contract)> DeployAsync(Uri rpcUrl, CancellationToken cancellationToken = default)
    {
        var contract = await Create(rpcUrl, contract: null).DeployAsync(cancellationToken);
        return (Create(rpcUrl, contract), contract);
    }

    public static byte[] RandomRoot() => RandomNumberGenerator.GetBytes(32);
}
