using System.Buffers;

namespace SafetyLedger.RegulatorGateway.Access;

/// <summary>
/// Administrative region codes (GB/T 2260 style: <c>320000</c> a province, <c>320500</c> its city, <c>320582</c> a
/// county). A jurisdiction covers a region when the region's code starts with the jurisdiction's significant part:
/// a six-digit code loses its trailing <c>00</c> pairs (<c>320500</c> → <c>3205</c>); any other code is its own prefix.
/// </summary>
public static class RegionCode
{
    public const int MaxLength = 12;

    private static readonly SearchValues<char> Allowed = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-");

    /// <summary>1 to 12 characters of <c>[A-Za-z0-9-]</c>.</summary>
    public static bool IsValid(string? code) => code is { Length: > 0 and <= MaxLength } && !code.AsSpan().ContainsAnyExcept(Allowed);

    /// <summary>Whether a jurisdiction of <paramref name="jurisdiction"/> covers an enterprise registered in <paramref name="region"/>.</summary>
    public static bool Covers(string jurisdiction, string region)
    {
        ArgumentNullException.ThrowIfNull(jurisdiction);
        ArgumentNullException.ThrowIfNull(region);
        return region.StartsWith(Significant(jurisdiction), StringComparison.Ordinal);
    }

    private static string Significant(string code)
    {
        if (code.Length != 6 || !code.All(char.IsAsciiDigit))
        {
            return code;
        }

        var end = code.Length;
        while (end > 2 && code[end - 1] == '0' && code[end - 2] == '0')
        {
            end -= 2;
        }

        return code[..end];
    }
}
