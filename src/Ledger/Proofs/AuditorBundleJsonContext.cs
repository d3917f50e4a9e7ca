using System.Text.Json.Serialization;

namespace SafetyLedger.Ledger.Proofs;

[JsonSerializable(typeof(AuditorBundle))]
[JsonSourceGenerationOptions(WriteIndented = true)]
internal sealed partial class AuditorBundleJsonContext : JsonSerializerContext;
