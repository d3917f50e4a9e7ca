using System.CommandLine;
using SafetyLedger.Ledger.Merkle;

namespace SafetyLedger.Host.Cli;

/// <summary><c>ledger proof verify-inclusion|verify-consistency FILE</c> over the JSON proof forms.</summary>
internal static class ProofCommands
{
    public static Command Create(CliContext context)
    {
        var inclusionFile = new Argument<string>("file") { Description = "Inclusion proof JSON, or - for standard input." };
        var inclusion = new Command("verify-inclusion", "Verify an RFC 9162 inclusion proof.") { inclusionFile };
        inclusion.SetAction(async (result, ct) =>
        {
            var json = await InputFile.ReadAsync(result.GetRequiredValue(inclusionFile), context.Error, ct);
            if (json is null)
            {
                return ExitCodes.Failed;
            }

            if (!InclusionProofDocument.TryParse(json, out var document, out var error))
            {
                return await RejectAsync(context, error);
            }

            return await ReportAsync(context, document.Verify());
        });

        var consistencyFile = new Argument<string>("file") { Description = "Consistency proof JSON, or - for standard input." };
        var consistency = new Command("verify-consistency", "Verify an RFC 9162 consistency proof.") { consistencyFile };
        consistency.SetAction(async (result, ct) =>
        {
            var json = await InputFile.ReadAsync(result.GetRequiredValue(consistencyFile), context.Error, ct);
            if (json is null)
            {
                return ExitCodes.Failed;
            }

            if (!ConsistencyProofDocument.TryParse(json, out var document, out var error))
            {
                return await RejectAsync(context, error);
            }

            return await ReportAsync(context, document.Verify());
        });

        return new Command("proof", "Verify Merkle proofs offline.") { inclusion, consistency };
    }

    private static async Task<int> RejectAsync(CliContext context, string error)
    {
        await context.Error.WriteLineAsync($"rejected: {error}");
        return ExitCodes.Failed;
    }

    private static async Task<int> ReportAsync(CliContext context, ProofCheck check)
    {
        if (check.Valid)
        {
            await context.Out.WriteLineAsync("verified");
            return ExitCodes.Ok;
        }

        await context.Error.WriteLineAsync($"does not verify: {check.Reason}");
        return ExitCodes.Failed;
    }
}
