using SafetyLedger.RiskCore.Fusion;

namespace SafetyLedger.RiskCore.Response;

/// <summary>The alert is below the site's automatic tier: it waits in the human review queue.</summary>
public sealed record ReviewRequested(string AlertId, RiskLevel Level, double Confidence, string Reason);
