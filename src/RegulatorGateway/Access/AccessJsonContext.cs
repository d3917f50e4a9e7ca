using System.Text.Json.Serialization;

namespace SafetyLedger.RegulatorGateway.Access;

/// <summary>Source-generated JSON of the access entries and views: camelCase, no nulls.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(KeyCreated))]
[JsonSerializable(typeof(KeyRevoked))]
[JsonSerializable(typeof(EnterpriseRegistered))]
internal sealed partial class AccessJsonContext : JsonSerializerContext;
