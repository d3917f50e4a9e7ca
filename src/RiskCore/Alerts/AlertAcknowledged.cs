namespace SafetyLedger.RiskCore.Alerts;

/// <summary>An operator (by id) has seen the alert.</summary>
public sealed record AlertAcknowledged(string AlertId, string Actor, string? Comment);
