using System.Text.Json.Serialization;
using SafetyLedger.Ingestion;
using SafetyLedger.Ingestion.Registry;
using SafetyLedger.RegulatorGateway.Access;
using SafetyLedger.RegulatorGateway.Admin;
using SafetyLedger.RegulatorGateway.Alerts;
using SafetyLedger.RegulatorGateway.Health;
using SafetyLedger.RegulatorGateway.Security;

namespace SafetyLedger.RegulatorGateway;

/// <summary>
/// Source-generated JSON of the gateway's own bodies and views: camelCase, no nulls written, and request bodies
/// refuse members they do not know (an <c>actor</c> in a body is an error: the actor is the caller's key).
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    NumberHandling = JsonNumberHandling.Strict,
    UseStringEnumConverter = true,
    Converters = [typeof(SnakeCaseEnumConverter<SensorKind>)])]
[JsonSerializable(typeof(SensorRegistration))]
[JsonSerializable(typeof(string))]
[JsonSerializable(typeof(HealthStatus))]
[JsonSerializable(typeof(Caller))]
[JsonSerializable(typeof(CreateKeyRequest))]
[JsonSerializable(typeof(RegisterEnterpriseRequest))]
[JsonSerializable(typeof(RevokeKeyBody))]
[JsonSerializable(typeof(KeyView))]
[JsonSerializable(typeof(List<KeyView>))]
[JsonSerializable(typeof(CreatedKeyView))]
[JsonSerializable(typeof(EnterpriseRecord))]
[JsonSerializable(typeof(List<EnterpriseRecord>))]
[JsonSerializable(typeof(AcknowledgeBody))]
[JsonSerializable(typeof(ResolveBody))]
[JsonSerializable(typeof(OverrideBody))]
public sealed partial class GatewayJsonContext : JsonSerializerContext;
