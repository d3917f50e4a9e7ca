using System.Globalization;

namespace SafetyLedger.Ledger.Notes;

/// <summary>Non-negative ASCII decimals with no sign and no leading zeros (except "0").</summary>
internal static class CanonicalDecimal
{
    public static bool TryParse(string text, out long value)
    {
        value = 0;
        if (text.Length == 0 || !text.All(char.IsAsciiDigit) || (text[0] == '0' && text.Length > 1))
        {
            return false;
        }

        return long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }

    public static string Format(long value) => value.ToString(CultureInfo.InvariantCulture);
}
