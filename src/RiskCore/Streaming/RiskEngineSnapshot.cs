using System.Text.Json;

namespace SafetyLedger.RiskCore.Streaming;

/// <summary>Everything the engine needs to resume after a restart; round-trips through JSON.</summary>
public sealed record RiskEngineSnapshot(string ModelVersion, DateTimeOffset TakenAt, IReadOnlyList<SensorState> Sensors, IReadOnlyList<AreaSnapshot> Areas)
{
    public string ToJson() => JsonSerializer.Serialize(this);

    public static RiskEngineSnapshot FromJson(string json) =>
        JsonSerializer.Deserialize<RiskEngineSnapshot>(json) ?? throw new JsonException("Empty snapshot.");
}
