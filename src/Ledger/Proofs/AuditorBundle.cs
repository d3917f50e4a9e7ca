using System.Text.Json;
using System.Text.Json.Serialization;

namespace SafetyLedger.Ledger.Proofs;

/// <summary>
/// What an auditor downloads to check one entry offline: the entry's stored bytes, a C2SP
/// tlog-proof@v1 (index, inclusion hashes, signed checkpoint) and, once anchored, the anchor that
/// covers it (<see cref="BundleAnchor"/>).
/// </summary>
public sealed record AuditorBundle(
    [property: JsonPropertyName("format")] string Format,
    [property: JsonPropertyName("entry")] string Entry,
    [property: JsonPropertyName("proof")] string Proof,
    [property: JsonPropertyName("anchor"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] BundleAnchor? Anchor = null)
{
    public const string FormatName = "safety-ledger-bundle@v1";

    public string ToJson() => JsonSerializer.Serialize(this, AuditorBundleJsonContext.Default.AuditorBundle);

    public static bool TryParse(string json, out AuditorBundle? bundle, out string error)
    {
        bundle = null;
        try
        {
            bundle = JsonSerializer.Deserialize(json, AuditorBundleJsonContext.Default.AuditorBundle);
        }
        catch (JsonException ex)
        {
            error = $"The bundle is not valid JSON: {ex.Message}";
            return false;
        }

        if (bundle is null || bundle.Format != FormatName || bundle.Entry is null || bundle.Proof is null)
        {
            error = $"The bundle must be a JSON object with format \"{FormatName}\", entry and proof.";
            bundle = null;
            return false;
        }

        error = string.Empty;
        return true;
    }
}
