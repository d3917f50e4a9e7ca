using System.Text.Json;
using SafetyLedger.Ledger.Notes;
using SafetyLedger.RiskCore.Alerts;

namespace SafetyLedger.RiskCore.Response;

/// <summary>What a plant gateway checks before it acts on a command (docs/security.md shows the same in a few lines).</summary>
public static class DcsCommandVerifier
{
    /// <summary>Null when <paramref name="json"/> is a command for this tenant and site signed by one of <paramref name="keys"/>; else why not.</summary>
    public static string? Check(ReadOnlySpan<byte> json, IReadOnlyList<NoteVerifier> keys, string tenant, string site)
    {
        ArgumentNullException.ThrowIfNull(keys);
        DcsCommand? command;
        try
        {
            command = JsonSerializer.Deserialize<DcsCommand>(json, AlertJson.Options);
        }
        catch (JsonException ex)
        {
            return "not a command: " + ex.Message;
        }

        if (command is null || command.Signature is not { } signature)
        {
            return "the command is not signed";
        }

        if (!string.Equals(command.Tenant, tenant, StringComparison.Ordinal) || !string.Equals(command.Site, site, StringComparison.Ordinal))
        {
            return $"the command is for {command.Tenant}/{command.Site}, not {tenant}/{site}";
        }

        var key = keys.FirstOrDefault(k => k.Name == signature.KeyName && k.KeyHash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture) == signature.KeyHash);
        if (key is null)
        {
            return $"signed by {signature.KeyName}+{signature.KeyHash}, which is not a trusted key";
        }

        Span<byte> value = stackalloc byte[64];
        return Convert.TryFromBase64String(signature.Value, value, out var written) && written == 64 && key.Verify(DcsCommandSigning.CanonicalBytes(command), value)
            ? null
            : "the signature does not verify: the command was altered or forged";
    }
}
