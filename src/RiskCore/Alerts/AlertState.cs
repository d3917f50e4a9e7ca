namespace SafetyLedger.RiskCore.Alerts;

/// <summary>Where an alert is in its lifecycle: Raised → Acknowledged → Resolved.</summary>
public enum AlertState
{
    Raised = 0,
    Acknowledged = 1,
    Resolved = 2,
}
