using System.Text.Json.Serialization;
using SafetyLedger.Ledger.Anchoring;

namespace SafetyLedger.Ledger.Proofs;

/// <summary>
/// The anchor that covers a bundle's entry: the chain <see cref="Record"/> of the first anchored checkpoint at or
/// after the entry, the log's signed <see cref="Statement"/> of that record (so every field is checked offline),
/// and, when the anchored checkpoint is larger than the bundle's, its signed note (<see cref="Checkpoint"/>) and
/// the RFC 9162 <see cref="Consistency"/> proof (base64 hashes) from the bundle's checkpoint to it.
/// </summary>
public sealed record BundleAnchor(
    [property: JsonPropertyName("record")] AnchorDocument Record,
    [property: JsonPropertyName("statement")] string Statement,
    [property: JsonPropertyName("checkpoint"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Checkpoint = null,
    [property: JsonPropertyName("consistency"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] IReadOnlyList<string>? Consistency = null);
