using System.Text.Json;

namespace SafetyLedger.Ledger.Merkle;

/// <summary>A required field of a proof document and the JSON type it must have.</summary>
internal sealed record ProofField(string Name, ProofFieldKind Kind)
{
    /// <summary>Checks the JSON value's type; the error names the field (and the element, for arrays).</summary>
    public bool TryCheck(JsonElement value, out string error)
    {
        error = Kind switch
        {
            ProofFieldKind.Integer when value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out _) =>
                $"{Name} must be an integer, got {Describe(value)}",
            ProofFieldKind.String when value.ValueKind != JsonValueKind.String =>
                $"{Name} must be a base64 string, got {Describe(value)}",
            ProofFieldKind.StringArray when value.ValueKind != JsonValueKind.Array =>
                $"{Name} must be an array of base64 strings, got {Describe(value)}",
            ProofFieldKind.StringArray => FirstNonString(value),
            _ => string.Empty,
        };
        return error.Length == 0;
    }

    private static string Describe(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number ? $"the number {value.GetRawText()}" : ProofDocumentText.Describe(value.ValueKind);

    private string FirstNonString(JsonElement array)
    {
        var index = 0;
        foreach (var element in array.EnumerateArray())
        {
            if (element.ValueKind != JsonValueKind.String)
            {
                return $"{Name}[{index}] must be a base64 string, got {Describe(element)}";
            }

            index++;
        }

        return string.Empty;
    }
}
