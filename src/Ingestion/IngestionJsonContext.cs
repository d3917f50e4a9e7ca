using System.Text.Json;
using System.Text.Json.Serialization;
using SafetyLedger.Ingestion.Digests;
using SafetyLedger.Ingestion.Http;
using SafetyLedger.Ingestion.Pipeline;
using SafetyLedger.Ingestion.Quality;
using SafetyLedger.Ingestion.Registry;
using SafetyLedger.Ingestion.Transport;

namespace SafetyLedger.Ingestion;

/// <summary>Source-generated JSON for what ingestion writes: camelCase properties, snake_case enums, no nulls.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    UseStringEnumConverter = true,
    Converters = [typeof(SnakeCaseEnumConverter<SensorKind>), typeof(SnakeCaseEnumConverter<QualityPeriod>)])]
[JsonSerializable(typeof(SensorRegistration))]
[JsonSerializable(typeof(IReadOnlyList<RegisteredSensorView>))]
[JsonSerializable(typeof(TelemetryBatchSealed))]
[JsonSerializable(typeof(IReadOnlyList<long>))]
[JsonSerializable(typeof(Dictionary<string, long>))]
[JsonSerializable(typeof(DeadLetterMessage))]
[JsonSerializable(typeof(IReadOnlyList<DeadLetterMessage>))]
[JsonSerializable(typeof(IReadOnlyList<QualityRollup>))]
[JsonSerializable(typeof(IReadOnlyList<RejectedReading>))]
[JsonSerializable(typeof(RegisteredSensorView))]
[JsonSerializable(typeof(TelemetryAccepted))]
public sealed partial class IngestionJsonContext : JsonSerializerContext;
