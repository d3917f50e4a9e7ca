using System.Diagnostics.CodeAnalysis;

namespace SafetyLedger.Ledger.Notes;

/// <summary>
/// Standard (RFC 4648 §4) base64 that accepts only the canonical encoding:
/// no whitespace, correct padding, zero trailing bits.
/// </summary>
internal static class StrictBase64
{
    public static bool TryDecode(string text, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        if (text.Length % 4 != 0)
        {
            return false;
        }

        foreach (var c in text)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c is not '+' and not '/' and not '=')
            {
                return false;
            }
        }

        byte[] decoded;
        try
        {
            decoded = Convert.FromBase64String(text);
        }
        catch (FormatException)
        {
            return false;
        }

        // Re-encoding rejects non-zero padding bits and any other non-canonical form.
        if (!string.Equals(Convert.ToBase64String(decoded), text, StringComparison.Ordinal))
        {
            return false;
        }

        bytes = decoded;
        return true;
    }
}
