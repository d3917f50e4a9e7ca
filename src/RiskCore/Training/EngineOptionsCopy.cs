using SafetyLedger.RiskCore.Streaming;

namespace SafetyLedger.RiskCore.Training;

/// <summary>Engine options with another model version (the options are shared; the copy is shallow).</summary>
internal static class EngineOptionsCopy
{
    public static RiskEngineOptions WithModelVersion(RiskEngineOptions options, string modelVersion) => new()
    {
        ModelVersion = modelVersion,
        IgnoredQualities = options.IgnoredQualities,
        Rules = options.Rules,
        Drift = options.Drift,
        StuckSensor = options.StuckSensor,
        Multivariate = options.Multivariate,
        Fusion = options.Fusion,
    };
}
