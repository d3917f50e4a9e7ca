namespace SafetyLedger.RiskCore.Alerts;

/// <summary>An open alert's evidence changed (level, detectors or confidence) while it stayed active: de-duplication.</summary>
public sealed record AlertUpdated(string AlertId, AlertEvidence Evidence);
