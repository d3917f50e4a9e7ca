using Microsoft.Extensions.Logging;
using Nethereum.Contracts;
using Nethereum.JsonRpc.Client;
using Nethereum.RPC.Eth.DTOs;
using Nethereum.Util;

namespace SafetyLedger.Ledger.Anchoring;

/// <summary>
/// Lists every <c>Anchored</c> event of one contract from its deployment block to the latest block, with
/// <c>eth_getLogs</c> over at most <see cref="ChainOptions.LogBlockRange"/> blocks per call. The deployment block
/// is a remembered hint when <c>eth_getCode</c> confirms it (code there, none the block before), else the first
/// block with code found by a binary search from <see cref="ChainOptions.FromBlock"/>; a node that cannot answer
/// for past blocks makes the scan start at <see cref="ChainOptions.FromBlock"/> (slower, never less complete).
/// </summary>
internal sealed class AnchorHistoryReader(ChainRpc rpc, ChainOptions options, ILogger logger)
{
    public async Task<OnChainAnchorHistory> ReadAsync(string contract, long? deploymentBlockHint, CancellationToken cancellationToken)
    {
        var latest = await rpc.BlockNumberAsync(cancellationToken);
        if (!await HasCodeAsync(contract, latest, cancellationToken))
        {
            throw new AnchorException($"There is no contract code at {contract} in block {latest} ({options.RpcUrl}).");
        }

        var from = await DeploymentBlockAsync(contract, latest, deploymentBlockHint, cancellationToken);
        var anchors = new List<OnChainAnchor>();
        for (var start = from; start <= latest; start += options.LogBlockRange)
        {
            var filter = new NewFilterInput
            {
                Address = [contract],
                Topics = [AnchoredEvent.Topic],
                FromBlock = new BlockParameter((ulong)start),
                ToBlock = new BlockParameter((ulong)Math.Min(latest, start + options.LogBlockRange - 1)),
            };
            var logs = (await rpc.LogsAsync(filter, cancellationToken))
                .Where(log => !log.Removed && log.Address.IsTheSameAddress(contract) && log.IsLogForEvent<AnchoredEvent>())
                .OrderBy(log => log.BlockNumber.Value)
                .ThenBy(log => log.LogIndex.Value);
            anchors.AddRange(logs.Select(Decode));
        }

        return new OnChainAnchorHistory(contract, from, latest, anchors);
    }

    private static OnChainAnchor Decode(FilterLog log)
    {
        var anchored = log.DecodeEvent<AnchoredEvent>().Event;
        return new OnChainAnchor(
            (long)log.BlockNumber.Value,
            log.TransactionHash.ToLowerInvariant(),
            anchored.Root,
            (long)Math.Min(anchored.TreeSize, long.MaxValue),
            DateTimeOffset.FromUnixTimeSeconds((long)anchored.Timestamp));
    }

    private async Task<long> DeploymentBlockAsync(string contract, long latest, long? hint, CancellationToken cancellationToken)
    {
        try
        {
            if (hint is { } block && block <= latest && block >= 0
                && await HasCodeAsync(contract, block, cancellationToken)
                && (block == 0 || !await HasCodeAsync(contract, block - 1, cancellationToken)))
            {
                return block;
            }

            // The first block with code: code at hi always, none at lo.
            var (lo, hi) = (options.FromBlock, latest);
            if (await HasCodeAsync(contract, lo, cancellationToken))
            {
                return lo;
            }

            while (hi - lo > 1)
            {
                var mid = lo + ((hi - lo) / 2);
                if (await HasCodeAsync(contract, mid, cancellationToken))
                {
                    hi = mid;
                }
                else
                {
                    lo = mid;
                }
            }

            return hi;
        }
        catch (RpcResponseException exception)
        {
            logger.DeploymentBlockUnknown(exception, contract, options.FromBlock);
            return options.FromBlock;
        }
    }

    private async Task<bool> HasCodeAsync(string contract, long block, CancellationToken cancellationToken) =>
        ChainRpc.IsCode(await rpc.CodeAsync(contract, block, cancellationToken));
}
