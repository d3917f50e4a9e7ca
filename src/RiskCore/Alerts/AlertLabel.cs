namespace SafetyLedger.RiskCore.Alerts;

/// <summary>What the operator found when resolving an alert; training uses it.</summary>
public enum AlertLabel
{
    TrueAlarm = 0,
    FalseAlarm = 1,
    Maintenance = 2,
}
