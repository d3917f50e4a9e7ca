using SafetyLedger.Ledger.Notes;

namespace SafetyLedger.Host.Cli;

/// <summary>A --vkey value: the verifier key itself, or a file holding it.</summary>
internal static class VerifierKeyArgument
{
    public static bool TryResolve(string value, out NoteVerifier? verifier, out string error)
    {
        var text = File.Exists(value) ? File.ReadAllText(value).Trim() : value.Trim();
        return NoteVerifier.TryParse(text, out verifier, out error);
    }
}
