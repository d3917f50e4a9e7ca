using System.Text.Json;
using System.Text.Json.Serialization;

namespace SafetyLedger.Ingestion;

/// <summary>Enums as snake_case strings (<c>flammable_gas</c>), read case-insensitively.</summary>
public sealed class SnakeCaseEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where TEnum : struct, Enum;
