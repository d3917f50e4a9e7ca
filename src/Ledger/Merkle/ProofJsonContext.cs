using System.Text.Json.Serialization;

namespace SafetyLedger.Ledger.Merkle;

/// <summary>
/// Source-generated JSON for the proof documents: camelCase names, every constructor parameter required,
/// nulls rejected where the type says non-null, duplicate properties rejected.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    RespectNullableAnnotations = true,
    RespectRequiredConstructorParameters = true,
    AllowDuplicateProperties = false)]
[JsonSerializable(typeof(InclusionProofDocument))]
[JsonSerializable(typeof(ConsistencyProofDocument))]
internal sealed partial class ProofJsonContext : JsonSerializerContext;
