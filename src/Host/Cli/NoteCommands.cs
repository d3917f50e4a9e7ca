using System.CommandLine;
using SafetyLedger.Ledger.Notes;

namespace SafetyLedger.Host.Cli;

/// <summary><c>ledger note verify --vkey VKEY FILE</c>: C2SP signed-note verification.</summary>
internal static class NoteCommands
{
    public static Command Create(CliContext context)
    {
        var vkey = new Option<string>("--vkey") { Description = "Verifier key (name+hash+base64key) or a file holding it.", Required = true };
        var file = new Argument<string>("file") { Description = "Signed note, or - for standard input." };
        var verify = new Command("verify", "Verify a signed note against a verifier key.") { vkey, file };
        verify.SetAction(async (result, ct) =>
        {
            if (!VerifierKeyArgument.TryResolve(result.GetRequiredValue(vkey), out var verifier, out var keyError))
            {
                await context.Error.WriteLineAsync($"error: malformed verifier key: {keyError}");
                return ExitCodes.Usage;
            }

            var text = await InputFile.ReadAsync(result.GetRequiredValue(file), context.Error, ct);
            if (text is null)
            {
                return ExitCodes.Failed;
            }

            if (!SignedNote.TryParse(text, out var note, out var error))
            {
                await context.Error.WriteLineAsync($"rejected: not a signed note: {error}");
                return ExitCodes.Failed;
            }

            if (!note!.IsSignedBy(verifier!))
            {
                await context.Error.WriteLineAsync($"does not verify: no valid signature by key '{verifier!.Name}' ({verifier.KeyHash:x8}).");
                return ExitCodes.Failed;
            }

            await context.Out.WriteAsync(note.Text);
            return ExitCodes.Ok;
        });

        return new Command("note", "Signed notes (C2SP signed-note).") { verify };
    }
}
