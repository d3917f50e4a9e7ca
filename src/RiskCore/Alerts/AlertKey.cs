namespace SafetyLedger.RiskCore.Alerts;

/// <summary>What de-duplicates alerts: one open alert per tenant, area (site) and detector family.</summary>
public readonly record struct AlertKey(string Tenant, string Site, string DetectorFamily);
