namespace SafetyLedger.RiskCore.Fusion;

/// <summary>How findings combine into one risk level.</summary>
public sealed class FusionOptions
{
    /// <summary>Raise the level one step when this many different detectors report at Yellow or above.</summary>
    public int CorroboratingDetectors { get; set; } = 2;

    /// <summary>Confidence reported with Blue when nothing is found.</summary>
    public double NoFindingConfidence { get; set; } = 0.9;
}
