using System.Text.Json.Serialization;

namespace SafetyLedger.Ledger.Anchoring;

[JsonSerializable(typeof(AnchorDocument))]
[JsonSerializable(typeof(AnchorContractFile))]
internal sealed partial class AnchoringJsonContext : JsonSerializerContext;
