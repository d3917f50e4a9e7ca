using Microsoft.Extensions.Logging.Abstractions;
using Nethereum.Contracts;
using Nethereum.JsonRpc.Client;
using Nethereum.Signer;
using Nethereum.Web3;
using SafetyLedger.Ledger.Anchoring;

namespace SafetyLedger.Ledger.Tests.Anchoring;

/// <summary>Sends transactions below <see cref="NethereumAnchorChain"/>, to see what the contract itself does.</summary>
internal sealed record RawSender(ChainRpc Rpc, EvmTransactionSender Sender)
{
    public static RawSender Create(Uri rpcUrl, string key = DevAccounts.OwnerKey)
    {
        var rpc = new ChainRpc(new Web3(rpcUrl.ToString()));
        var sender = new EvmTransactionSender(rpc, new EthECKey(key), TestChains.Options(rpcUrl, contract: null, key), TimeProvider.System, NullLogger.Instance);
        return new RawSender(rpc, sender);
    }

    /// <summary>The revert data a failed eth_call carries.</summary>
    public static string? RevertData(Exception exception) => exception switch
    {
        SmartContractCustomErrorRevertException custom => custom.ExceptionEncodedData,
        RpcResponseException rpc => rpc.RpcError.Data?.ToString(),
        _ => throw new InvalidOperationException($"Unexpected {exception.GetType().Name}: {exception.Message}", exception),
    };
}
