using System.Text.Json.Serialization;
using SafetyLedger.RegulatorGateway.Access;
using SafetyLedger.RegulatorGateway.Admin;

namespace SafetyLedger.Host.Administration;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(ServiceFile))]
[JsonSerializable(typeof(IssuedKey))]
[JsonSerializable(typeof(MqttServiceUser))]
[JsonSerializable(typeof(CreateKeyRequest))]
[JsonSerializable(typeof(RegisterEnterpriseRequest))]
[JsonSerializable(typeof(RevokeKeyBody))]
[JsonSerializable(typeof(CreatedKeyView))]
[JsonSerializable(typeof(KeyView))]
[JsonSerializable(typeof(List<KeyView>))]
[JsonSerializable(typeof(EnterpriseRecord))]
[JsonSerializable(typeof(List<EnterpriseRecord>))]
internal sealed partial class AdministrationJsonContext : JsonSerializerContext;
