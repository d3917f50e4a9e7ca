using SafetyLedger.RiskCore.Drift;
using SafetyLedger.RiskCore.Faults;
using SafetyLedger.RiskCore.Fusion;
using SafetyLedger.RiskCore.Rules;

namespace SafetyLedger.RiskCore.Streaming;

/// <summary>Serialisable state of one sensor: its identity, rule, drift and stuck-check state (bounded size).</summary>
public sealed class SensorState
{
    public string Tenant { get; init; } = string.Empty;

    public string Site { get; init; } = string.Empty;

    public string SensorId { get; init; } = string.Empty;

    public string Kind { get; set; } = string.Empty;

    public RuleState Rule { get; set; }

    public DriftState Drift { get; init; } = new();

    public StuckState Stuck { get; set; }

    /// <summary>The findings of the sensor's latest reading (not persisted; rebuilt by the next reading).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IReadOnlyList<DetectorFinding> Findings { get; set; } = [];
}
