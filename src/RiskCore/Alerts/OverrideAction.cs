namespace SafetyLedger.RiskCore.Alerts;

/// <summary>What an operator overrides on an alert.</summary>
public enum OverrideAction
{
    CancelIntervention = 0,
    ConfirmIntervention = 1,
    ChangeLevel = 2,
}
