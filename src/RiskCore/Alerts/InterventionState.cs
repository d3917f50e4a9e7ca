namespace SafetyLedger.RiskCore.Alerts;

/// <summary>The automatic intervention of an alert, if any, and what an operator made of it.</summary>
public enum InterventionState
{
    None = 0,
    Commanded = 1,
    Confirmed = 2,
    Cancelled = 3,
}
