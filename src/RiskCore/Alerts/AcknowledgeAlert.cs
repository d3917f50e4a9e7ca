namespace SafetyLedger.RiskCore.Alerts;

/// <summary>Acknowledge an alert the caller last saw at <paramref name="ExpectedVersion"/>.</summary>
public sealed record AcknowledgeAlert(string Tenant, string AlertId, long ExpectedVersion, string Actor, string? Comment = null);
