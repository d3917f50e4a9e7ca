using System.Buffers;
using System.Buffers.Text;
using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace SafetyLedger.Ledger.Merkle;

/// <summary>Parsing and base64 decoding shared by the proof documents, with human-readable errors.</summary>
internal static class ProofDocumentText
{
    /// <summary>
    /// Parses a document after checking its shape, so errors name the field: malformed JSON, a non-object,
    /// duplicate, missing or mistyped fields, and null proofs or proof elements are all rejected.
    /// </summary>
    public static bool TryParse<T>(string? json, JsonTypeInfo<T> typeInfo, IReadOnlyList<ProofField> fields, [NotNullWhen(true)] out T? document, out string error)
        where T : class
    {
        document = null;
        if (json is null)
        {
            error = "JSON text is null";
            return false;
        }

        try
        {
            using var parsed = JsonDocument.Parse(json);
            if (!TryCheckShape(parsed.RootElement, fields, out error))
            {
                return false;
            }

            document = parsed.RootElement.Deserialize(typeInfo);
        }
        catch (JsonException ex)
        {
            error = $"invalid JSON: {ex.Message}";
            return false;
        }

        error = document is null ? "JSON is null, expected an object" : string.Empty;
        return document is not null;
    }

    /// <summary>
    /// Serializes a document, keeping base64 '+' and '/' readable instead of \u002B escapes. The documents
    /// are JSON payloads, never embedded in HTML, so the relaxed encoder is safe here.
    /// </summary>
    public static string ToJson<T>(T document, JsonTypeInfo<T> typeInfo)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            JsonSerializer.Serialize(writer, document, typeInfo);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private static bool TryCheckShape(JsonElement root, IReadOnlyList<ProofField> fields, out string error)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = $"invalid JSON: expected an object, got {Describe(root.ValueKind)}";
            return false;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in root.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                error = $"{property.Name} appears more than once";
                return false;
            }
        }

        foreach (var field in fields)
        {
            if (!root.TryGetProperty(field.Name, out var value))
            {
                error = $"{field.Name} is missing";
                return false;
            }

            if (!field.TryCheck(value, out error))
            {
                return false;
            }
        }

        error = string.Empty;
        return true;
    }

    internal static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    /// <summary>Decodes a standard-base64 hash that must be exactly 32 bytes.</summary>
    public static bool TryDecodeHash(string? text, string name, [NotNullWhen(true)] out byte[]? hash, out string error)
    {
        hash = null;
        if (text is null)
        {
            error = $"{name} is missing";
            return false;
        }

        if (!Base64.IsValid(text, out var length))
        {
            error = $"{name} is not valid base64";
            return false;
        }

        if (length != MerkleHash.Size)
        {
            error = $"{name} is {length} bytes, expected {MerkleHash.Size}";
            return false;
        }

        hash = Convert.FromBase64String(text);
        error = string.Empty;
        return true;
    }

    /// <summary>Decodes every proof element and checks the count the tree sizes call for.</summary>
    public static bool TryDecodeProof(IReadOnlyList<string>? proof, int expectedCount, [NotNullWhen(true)] out byte[][]? hashes, out string error)
    {
        hashes = null;
        if (proof is null)
        {
            error = "proof is missing";
            return false;
        }

        var decoded = new byte[proof.Count][];
        for (var i = 0; i < decoded.Length; i++)
        {
            if (!TryDecodeHash(proof[i], $"proof[{i}]", out var hash, out error))
            {
                return false;
            }

            decoded[i] = hash;
        }

        if (decoded.Length != expectedCount)
        {
            error = $"proof has {decoded.Length} {(decoded.Length == 1 ? "element" : "elements")}, expected {expectedCount}";
            return false;
        }

        hashes = decoded;
        error = string.Empty;
        return true;
    }
}
