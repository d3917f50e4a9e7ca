using System.CommandLine;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;
using SafetyLedger.Ingestion.Digests;
using SafetyLedger.Ledger.Anchoring;
using SafetyLedger.Ledger.Checkpoints;
using SafetyLedger.Ledger.Notes;
using SafetyLedger.Ledger.Proofs;
using SafetyLedger.Ledger.Storage;
using SafetyLedger.Ledger.Verification;
using SafetyLedger.Ledger.Storage.Sqlite;

namespace SafetyLedger.Host.Cli;

/// <summary>
/// <c>ledger verify [--data DIR] [--vkey K]… [--rpc URL [--contract ADDR]]</c>: full integrity check of a store,
/// its anchors checked against its checkpoints and, with <c>--rpc</c>, against the chain;
/// <c>ledger verify --bundle FILE --vkey K [--rpc URL [--contract ADDR]]</c>: one auditor bundle, offline unless <c>--rpc</c>.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(CliContext context)
    {
        var data = new Option<string?>("--data") { Description = "Data folder of the ledger (default: configured, ./data)." };
        var vkeys = new Option<string[]>("--vkey") { Description = "Verifier key(s) or files holding them; default: the log's own key in the data folder.", AllowMultipleArgumentsPerToken = false };
        var bundle = new Option<string?>("--bundle") { Description = "Check one auditor bundle offline instead of a whole store." };
        var rpc = new Option<string?>("--rpc") { Description = "JSON-RPC URL of the anchor chain: also check every anchor on the chain." };
        var contract = new Option<string?>("--contract") { Description = "With --rpc: the AnchorRegistry to trust (default: the configured or remembered one; for a bundle, its own)." };
        var command = new Command("verify", "Check the ledger's integrity, or one auditor bundle.") { data, vkeys, bundle, rpc, contract };
        command.SetAction(async (result, ct) =>
        {
            ChainVerifiers? chains = null;
            if (result.GetValue(rpc) is { } rpcValue)
            {
                if (!ChainVerifiers.TryParseUrl(rpcValue, out var rpcUrl))
                {
                    await context.Error.WriteLineAsync($"error: --rpc needs an absolute http(s) URL, got '{rpcValue}'.");
                    return ExitCodes.Usage;
                }

                chains = new ChainVerifiers(rpcUrl!, result.GetValue(contract), TimeProvider.System);
            }
            else if (result.GetValue(contract) is not null)
            {
                await context.Error.WriteLineAsync("error: --contract needs --rpc.");
                return ExitCodes.Usage;
            }

            var verifiers = new List<NoteVerifier>();
            foreach (var value in result.GetValue(vkeys) ?? [])
            {
                if (!VerifierKeyArgument.TryResolve(value, out var verifier, out var error))
                {
                    await context.Error.WriteLineAsync($"error: malformed verifier key: {error}");
                    return ExitCodes.Usage;
                }

                verifiers.Add(verifier!);
            }

            var bundleFile = result.GetValue(bundle);
            return bundleFile is null
                ? await VerifyStoreAsync(context, result.GetValue(data), verifiers, chains, ct)
                : await VerifyBundleAsync(context, bundleFile, verifiers, chains, ct);
        });
        return command;
    }

    private static async Task<int> VerifyBundleAsync(CliContext context, string file, List<NoteVerifier> verifiers, ChainVerifiers? chains, CancellationToken ct)
    {
        if (verifiers.Count == 0)
        {
            await context.Error.WriteLineAsync("error: --bundle needs --vkey, the log's verifier key.");
            return ExitCodes.Usage;
        }

        var json = await InputFile.ReadAsync(file, context.Error, ct);
        if (json is null)
        {
            return ExitCodes.Failed;
        }

        if (!AuditorBundle.TryParse(json, out var bundle, out var error))
        {
            await context.Error.WriteLineAsync($"rejected: {error}");
            return ExitCodes.Failed;
        }

        var checks = verifiers.Select(v => BundleVerifier.Verify(bundle!, v)).ToList();
        var passed = checks.Find(c => c.Valid);
        if (passed is not null)
        {
            await context.Out.WriteLineAsync($"verified: {passed.Reason}");
            return chains is null ? ExitCodes.Ok : await VerifyBundleAnchorOnChainAsync(context, passed.Anchor, chains, ct);
        }

        foreach (var check in checks)
        {
            await context.Error.WriteLineAsync($"does not verify: {check.Reason}");
        }

        return ExitCodes.Failed;
    }

    private static async Task<int> VerifyBundleAnchorOnChainAsync(CliContext context, AnchorRecord? anchor, ChainVerifiers chains, CancellationToken ct)
    {
        if (anchor is null)
        {
            await context.Error.WriteLineAsync("does not verify on chain: the bundle has no anchor (the entry is not anchored yet).");
            return ExitCodes.Failed;
        }

        if (chains.PinnedContract is null)
        {
            await context.Error.WriteLineAsync($"note: trusting the bundle's own contract {anchor.Contract}; pin the log's AnchorRegistry with --contract.");
        }

        AnchorVerification verification;
        try
        {
            verification = await chains.For(anchor).VerifyAsync(anchor, ct);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            await context.Error.WriteLineAsync($"does not verify on chain: could not check it at {chains.RpcUrl}: {exception.Message}");
            return ExitCodes.Failed;
        }

        if (!verification.IsValid)
        {
            await context.Error.WriteLineAsync($"does not verify on chain {anchor.ChainId} ({chains.RpcUrl}): {verification.Failure}: {verification.Reason}");
            return ExitCodes.Failed;
        }

        await context.Out.WriteLineAsync($"verified on chain {anchor.ChainId} ({chains.RpcUrl}): {verification.Reason}");
        return ExitCodes.Ok;
    }

    private static async Task<int> VerifyStoreAsync(CliContext context, string? dataDirectory, List<NoteVerifier> verifiers, ChainVerifiers? chains, CancellationToken ct)
    {
        var configuration = HostConfiguration.Build();
        var storage = HostConfiguration.Storage(configuration, dataDirectory);
        var checkpointOptions = HostConfiguration.Checkpoints(configuration);
        if (!File.Exists(storage.DatabasePath))
        {
            await context.Error.WriteLineAsync($"error: no ledger at '{storage.DatabasePath}'.");
            return ExitCodes.Failed;
        }

        if (verifiers.Count == 0)
        {
            var keyFile = Path.Combine(storage.DataDirectory, checkpointOptions.KeyFile);
            if (File.Exists(keyFile))
            {
                using var signers = LogSigners.Load(checkpointOptions, storage.DataDirectory);
                verifiers.AddRange(signers.VerifierKeys.Select(NoteVerifier.Parse));
            }
        }

        var verifier = new SqliteLedgerVerifier(storage, verifiers, checkpointOptions.Origin);
        var report = await Task.Run(() => verifier.Verify(new ConsoleProgress(context.Error, TimeProvider.System), ct), ct);
        chains = chains is null ? null : await PinContractAsync(context, configuration, storage, chains, ct);
        var audit = await new AnchorAudit(new SqliteAnchorStore(storage), new SqliteCheckpointStore(storage), verifiers, checkpointOptions.Origin)
            .AuditAsync(chains is null ? null : chains.For, ct);

        var history = chains is null ? new ChainHistoryReport(0, []) : await ChainHistoryCheck.RunAsync(context, configuration, storage, chains, ct);
        if (report.Passed && audit.Passed && history.Passed)
        {
            var onChain = audit.CheckedOnChain
                ? $", each confirmed on chain via {chains!.RpcUrl}, and all {history.AnchorsOnChain} anchors on chain agree with the tree"
                : " (against the checkpoints; give --rpc to check them on chain)";
            await context.Out.WriteLineAsync($"verified: {report.EntriesChecked} entries, {report.CheckpointsChecked} checkpoints, {audit.AnchorsChecked} anchors{onChain}; Merkle tree and signatures intact.");
            return await VerifyTelemetryAsync(context, storage, ct);
        }

        await ReportFindingsAsync(context, [.. report.Findings, .. audit.Findings, .. history.Findings]);

        return ExitCodes.Failed;
    }

    /// <summary>The AnchorRegistry to trust: <c>--contract</c>, else the configured one, else the remembered one, else (with a note) each record's own.</summary>
    private static async Task<ChainVerifiers> PinContractAsync(CliContext context, IConfiguration configuration, LedgerStorageOptions storage, ChainVerifiers chains, CancellationToken ct)
    {
        if (chains.PinnedContract is not null)
        {
            return chains;
        }

        var pinned = configuration[$"{ChainOptions.SectionName}:ContractAddress"];
        if (string.IsNullOrWhiteSpace(pinned))
        {
            var anchoring = configuration.GetSection(AnchoringOptions.Section).Get<AnchoringOptions>() ?? new AnchoringOptions();
            pinned = (await AnchorContractFile.ReadAsync(Path.Combine(storage.DataDirectory, anchoring.ContractFile), ct))?.Contract;
        }

        if (string.IsNullOrWhiteSpace(pinned))
        {
            await context.Error.WriteLineAsync("note: no AnchorRegistry configured or remembered; trusting each anchor's own contract (pin one with --contract).");
            return chains;
        }

        return new ChainVerifiers(chains.RpcUrl, pinned, TimeProvider.System);
    }

    /// <summary>Raw telemetry against the batch digests in the ledger, when the store has telemetry.</summary>
    private static async Task<int> VerifyTelemetryAsync(CliContext context, LedgerStorageOptions storage, CancellationToken ct)
    {
        await using var events = SqliteLedgerStore.Open(storage, TimeProvider.System, NullLogger<SqliteLedgerStore>.Instance);
        var telemetry = await TelemetryDigestVerifier.VerifyDataDirectoryAsync(storage.DataDirectory, events, null, ct);
        if (telemetry is null)
        {
            return ExitCodes.Ok;
        }

        if (telemetry.Passed)
        {
            await context.Out.WriteLineAsync($"verified: {telemetry.ReadingsChecked} telemetry readings in {telemetry.BatchesChecked} sealed batches match their ledger digests.");
            return ExitCodes.Ok;
        }

        await ReportFindingsAsync(context, telemetry.Findings);

        return ExitCodes.Failed;
    }

    /// <summary>"FAILED at position N" (the first position any finding names) and every finding, on stderr.</summary>
    private static async Task ReportFindingsAsync(CliContext context, IReadOnlyList<VerificationFinding> findings)
    {
        var first = findings.Where(f => f.Position is not null).Min(f => f.Position);
        await context.Error.WriteLineAsync(first is long position ? $"FAILED at position {position}" : "FAILED");
        foreach (var finding in findings)
        {
            await context.Error.WriteLineAsync($"  - {finding.Message}");
        }
    }
}
