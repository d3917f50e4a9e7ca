using System.Text.Json;
using System.Text.Json.Serialization;
using SafetyLedger.Ingestion.Digests;
using SafetyLedger.Ingestion.Http;
using SafetyLedger.Ingestion.Registry;

namespace SafetyLedger.Ingestion;

/// <summary>Source-generated JSON for what ingestion writes: camelCase properties, snake_case enums, no nulls.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    Converters = [typeof(SnakeCaseEnumConverter<SensorKind>)])]
[JsonSerializable(typeof(SensorRegistration))]
[JsonSerializable(typeof(IReadOnlyList<RegisteredSensorView>))]
[JsonSerializable(typeof(TelemetryBatchSealed))]
[JsonSerializable(typeof(IReadOnlyList<long>))]
internal sealed partial class IngestionJsonContext : JsonSerializerContext;
