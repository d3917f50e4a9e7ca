using Microsoft.Extensions.Configuration;
using SafetyLedger.Ledger.Anchoring;
using SafetyLedger.Ledger.Storage;
using SafetyLedger.Ledger.Storage.Sqlite;
using SafetyLedger.Ledger.Verification;

namespace SafetyLedger.Host.Cli;

/// <summary>
/// <c>ledger verify --rpc</c>: every <c>Anchored</c> event of the trusted AnchorRegistry, from its deployment block
/// on, against the store's tree (<see cref="OnChainAnchorAudit"/>), so that a store rolled back below an anchor fails
/// even when its own records were removed with the entries. The contract is the pinned one; when none is pinned, each
/// contract the records name. Its chain id is the configured one, else the remembered one, else the node's.
/// </summary>
internal static class ChainHistoryCheck
{
    public static async Task<ChainHistoryReport> RunAsync(
        CliContext context,
        IConfiguration configuration,
        LedgerStorageOptions storage,
        ChainVerifiers chains,
        CancellationToken ct)
    {
        var settings = configuration.GetSection(ChainOptions.SectionName).Get<ChainOptions>() ?? new ChainOptions();
        var anchoring = configuration.GetSection(AnchoringOptions.Section).Get<AnchoringOptions>() ?? new AnchoringOptions();
        var remembered = await AnchorContractFile.ReadAsync(Path.Combine(storage.DataDirectory, anchoring.ContractFile), ct);
        List<(long ChainId, string Contract)> targets;
        try
        {
            targets = await TargetsAsync(chains, settings, remembered, storage, ct);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new ChainHistoryReport(0, [new VerificationFinding(null, $"Could not tell which chain to list the anchors of via {chains.RpcUrl}: {exception.Message}")]);
        }

        if (targets.Count == 0)
        {
            await context.Error.WriteLineAsync("note: no AnchorRegistry pinned, remembered or recorded: no on-chain anchors to list.");
            return new ChainHistoryReport(0, []);
        }

        var findings = new List<VerificationFinding>();
        var events = 0;
        var tree = new SqliteTreeReader(storage);
        foreach (var (chainId, contract) in targets)
        {
            var hint = remembered is not null && SameAddress(remembered.Contract, contract) ? remembered.DeploymentBlock : null;
            var chain = KeylessAnchorChain.Create(chains.RpcUrl, chainId, contract, settings, hint, TimeProvider.System);
            try
            {
                var history = await chain.ListAnchorsAsync(ct);
                events += history.Anchors.Count;
                findings.AddRange(OnChainAnchorAudit.Check(history, tree.Size(), tree.Root));
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                findings.Add(new VerificationFinding(null, $"Could not check the Anchored events of {contract} on chain {chainId} via {chains.RpcUrl} against the store: {exception.Message}"));
            }
        }

        return new ChainHistoryReport(events, findings);
    }

    private static async Task<List<(long ChainId, string Contract)>> TargetsAsync(
        ChainVerifiers chains,
        ChainOptions settings,
        AnchorContractFile? remembered,
        LedgerStorageOptions storage,
        CancellationToken ct)
    {
        if (chains.PinnedContract is { } pinned)
        {
            var chainId = settings.ChainId > 0 ? settings.ChainId
                : remembered is not null && SameAddress(remembered.Contract, pinned) ? remembered.ChainId
                : await KeylessAnchorChain.NodeChainIdAsync(chains.RpcUrl, ct);
            return [(chainId, pinned)];
        }

        var recorded = new List<(long ChainId, string Contract)>();
        await foreach (var anchor in new SqliteAnchorStore(storage).ListAsync(ct))
        {
            var record = anchor.Record;
            if (!recorded.Exists(t => t.ChainId == record.ChainId && SameAddress(t.Contract, record.Contract)))
            {
                recorded.Add((record.ChainId, record.Contract));
            }
        }

        return recorded;
    }

    private static bool SameAddress(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);
}
