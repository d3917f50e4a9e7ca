using SafetyLedger.RiskCore.Drift;
using SafetyLedger.RiskCore.Faults;
using SafetyLedger.RiskCore.Fusion;
using SafetyLedger.RiskCore.Multivariate;
using SafetyLedger.RiskCore.Rules;

namespace SafetyLedger.RiskCore.Streaming;

/// <summary>All settings of the streaming risk engine, bindable from configuration.</summary>
public sealed class RiskEngineOptions
{
    /// <summary>Carried by every assessment so an alert can name the model that raised it.</summary>
    public string ModelVersion { get; set; } = "riskcore/1";

    /// <summary>Readings with one of these quality flags are ignored.</summary>
    public IList<string> IgnoredQualities { get; init; } = ["bad", "invalid"];

    public AlarmRuleOptions Rules { get; set; } = new();

    public DriftOptions Drift { get; set; } = new();

    public StuckSensorOptions StuckSensor { get; set; } = new();

    public MultivariateOptions Multivariate { get; set; } = new();

    public FusionOptions Fusion { get; set; } = new();
}
