namespace SafetyLedger.RiskCore.Alerts.Projection;

/// <summary>Which alerts to list: always one tenant, optionally one site and one state.</summary>
public sealed record AlertQuery(string Tenant, string? Site = null, AlertState? State = null);
