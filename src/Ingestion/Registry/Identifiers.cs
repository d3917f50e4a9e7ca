using System.Text.RegularExpressions;

namespace SafetyLedger.Ingestion.Registry;

/// <summary>Tenant, site and sensor ids: they become MQTT topic levels and ledger stream ids, so they are kept plain.</summary>
public static partial class Identifiers
{
    public const int MaxLength = 64;

    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    [GeneratedRegex("^[A-Za-z0-9_.-]{1,64}$", RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex Pattern();
}
