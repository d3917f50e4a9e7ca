using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using SafetyLedger.Ingestion.Digests;
using SafetyLedger.Ledger.Checkpoints;
using SafetyLedger.Ledger.Notes;
using SafetyLedger.Ledger.Proofs;
using SafetyLedger.Ledger.Storage;
using SafetyLedger.Ledger.Storage.Sqlite;

namespace SafetyLedger.Host.Cli;

/// <summary>
/// <c>ledger verify [--data DIR] [--vkey K]…</c>: full integrity check of a store;
/// <c>ledger verify --bundle FILE --vkey K</c>: one auditor bundle, offline.
/// </summary>
internal static class VerifyCommand
{
    public static Command Create(CliContext context)
    {
        var data = new Option<string?>("--data") { Description = "Data folder of the ledger (default: configured, ./data)." };
        var vkeys = new Option<string[]>("--vkey") { Description = "Verifier key(s) or files holding them; default: the log's own key in the data folder.", AllowMultipleArgumentsPerToken = false };
        var bundle = new Option<string?>("--bundle") { Description = "Check one auditor bundle offline instead of a whole store." };
        var command = new Command("verify", "Check the ledger's integrity, or one auditor bundle.") { data, vkeys, bundle };
        command.SetAction(async (result, ct) =>
        {
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
                ? await VerifyStoreAsync(context, result.GetValue(data), verifiers, ct)
                : await VerifyBundleAsync(context, bundleFile, verifiers, ct);
        });
        return command;
    }

    private static async Task<int> VerifyBundleAsync(CliContext context, string file, List<NoteVerifier> verifiers, CancellationToken ct)
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
            return ExitCodes.Ok;
        }

        foreach (var check in checks)
        {
            await context.Error.WriteLineAsync($"does not verify: {check.Reason}");
        }

        return ExitCodes.Failed;
    }

    private static async Task<int> VerifyStoreAsync(CliContext context, string? dataDirectory, List<NoteVerifier> verifiers, CancellationToken ct)
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
        if (report.Passed)
        {
            await context.Out.WriteLineAsync($"verified: {report.EntriesChecked} entries, {report.CheckpointsChecked} checkpoints; Merkle tree and signatures intact.");
            return await VerifyTelemetryAsync(context, storage, ct);
        }

        if (report.FirstBadPosition is long position)
        {
            await context.Error.WriteLineAsync($"FAILED at position {position}");
        }

        foreach (var finding in report.Findings)
        {
            await context.Error.WriteLineAsync($"  - {finding.Message}");
        }

        return ExitCodes.Failed;
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

        if (telemetry.Findings.Where(f => f.Position is not null).Min(f => f.Position) is long position)
        {
            await context.Error.WriteLineAsync($"FAILED at position {position}");
        }

        foreach (var finding in telemetry.Findings)
        {
            await context.Error.WriteLineAsync($"  - {finding.Message}");
        }

        return ExitCodes.Failed;
    }
}
