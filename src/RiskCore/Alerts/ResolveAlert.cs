namespace SafetyLedger.RiskCore.Alerts;

/// <summary>Resolve an acknowledged alert with a label, as last seen at <paramref name="ExpectedVersion"/>.</summary>
public sealed record ResolveAlert(string Tenant, string AlertId, long ExpectedVersion, string Actor, AlertLabel Label, string? Comment = null);
