namespace SafetyLedger.RiskCore.Alerts;

/// <summary>The alert is closed with what it turned out to be.</summary>
public sealed record AlertResolved(string AlertId, string Actor, AlertLabel Label, string? Comment);
