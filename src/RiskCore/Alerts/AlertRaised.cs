namespace SafetyLedger.RiskCore.Alerts;

/// <summary>A new alert for one (tenant, site, detector family).</summary>
public sealed record AlertRaised(string AlertId, string Site, string DetectorFamily, AlertEvidence Evidence);
