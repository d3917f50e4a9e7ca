using System.Numerics;
using Nethereum.Hex.HexTypes;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Web3;

namespace SafetyLedger.Ledger.Anchoring;

/// <summary>
/// The few JSON-RPC calls anchoring makes, each honouring a <see cref="CancellationToken"/> (Nethereum's
/// request methods take none, so a cancelled wait abandons the request).
/// </summary>
internal sealed class ChainRpc(IWeb3 web3)
{
    public IWeb3 Web3 { get; } = web3;

    public static bool IsTransient(Exception exception) =>
        exception is RpcClientUnknownException or RpcClientTimeoutException or HttpRequestException;

    public async Task<long> ChainIdAsync(CancellationToken cancellationToken) =>
        (long)(await Web3.Eth.ChainId.SendRequestAsync().WaitAsync(cancellationToken)).Value;

    public async Task<long> BlockNumberAsync(CancellationToken cancellationToken) =>
        (long)(await Web3.Eth.Blocks.GetBlockNumber.SendRequestAsync().WaitAsync(cancellationToken)).Value;

    public async Task<long> NonceAsync(string address, BlockParameter block, CancellationToken cancellationToken) =>
        (long)(await Web3.Eth.Transactions.GetTransactionCount.SendRequestAsync(address, block).WaitAsync(cancellationToken)).Value;

    public Task<TransactionReceipt?> ReceiptAsync(string txHash, CancellationToken cancellationToken) =>
        Web3.Eth.Transactions.GetTransactionReceipt.SendRequestAsync(txHash).WaitAsync(cancellationToken)!;

    public Task<Transaction?> TransactionAsync(string txHash, CancellationToken cancellationToken) =>
        Web3.Eth.Transactions.GetTransactionByHash.SendRequestAsync(txHash).WaitAsync(cancellationToken)!;

    public Task<BlockWithTransactionHashes?> BlockAsync(long number, CancellationToken cancellationToken) =>
        Web3.Eth.Blocks.GetBlockWithTransactionsHashesByNumber.SendRequestAsync(new HexBigInteger(new BigInteger(number))).WaitAsync(cancellationToken)!;

    public Task<string> SendRawAsync(string rawHex, CancellationToken cancellationToken) =>
        Web3.Eth.Transactions.SendRawTransaction.SendRequestAsync(rawHex).WaitAsync(cancellationToken);

    public Task<FilterLog[]> LogsAsync(NewFilterInput filter, CancellationToken cancellationToken) =>
        Web3.Eth.Filters.GetLogs.SendRequestAsync(filter).WaitAsync(cancellationToken);

    public Task<string> CallAsync(CallInput input, CancellationToken cancellationToken) =>
        Web3.Eth.Transactions.Call.SendRequestAsync(input, BlockParameter.CreateLatest()).WaitAsync(cancellationToken);

    public Task<string> CodeAsync(string address, CancellationToken cancellationToken) =>
        Web3.Eth.GetCode.SendRequestAsync(address).WaitAsync(cancellationToken);

    public Task<string> CodeAsync(string address, long block, CancellationToken cancellationToken) =>
        Web3.Eth.GetCode.SendRequestAsync(address, new BlockParameter((ulong)block)).WaitAsync(cancellationToken);

    public static bool IsCode(string? code) => !string.IsNullOrEmpty(code) && !string.Equals(code, "0x", StringComparison.OrdinalIgnoreCase);
}
