using System.Buffers;

namespace SafetyLedger.Ingestion.Registry;

/// <summary>Tenant, site and sensor ids: they become MQTT topic levels and ledger stream ids, so they are kept plain.</summary>
public static class Identifiers
{
    public const int MaxLength = 64;

    private static readonly SearchValues<char> Allowed = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-");

    /// <summary>1 to 64 characters of <c>[A-Za-z0-9_.-]</c>.</summary>
    public static bool IsValid(string? value) => value is { Length: > 0 and <= MaxLength } && !value.AsSpan().ContainsAnyExcept(Allowed);
}
