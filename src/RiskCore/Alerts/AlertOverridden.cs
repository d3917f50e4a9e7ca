using SafetyLedger.RiskCore.Fusion;

namespace SafetyLedger.RiskCore.Alerts;

/// <summary>An operator cancelled or confirmed the intervention, or changed the level.</summary>
public sealed record AlertOverridden(
    string AlertId,
    string Actor,
    OverrideAction Action,
    RiskLevel PreviousLevel,
    RiskLevel Level,
    string? CommandId,
    string Reason);
