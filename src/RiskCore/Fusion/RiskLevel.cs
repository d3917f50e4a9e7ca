namespace SafetyLedger.RiskCore.Fusion;

/// <summary>The regulators' four warning colours, lowest first; Blue is also "no alarm".</summary>
public enum RiskLevel
{
    Blue = 0,
    Yellow = 1,
    Orange = 2,
    Red = 3,
}
