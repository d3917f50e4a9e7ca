using SafetyLedger.RiskCore.Fusion;

namespace SafetyLedger.RiskCore.Alerts;

/// <summary>The alert was not acknowledged in time; <see cref="Step"/> counts escalations from 1.</summary>
public sealed record AlertEscalated(string AlertId, int Step, RiskLevel Level, TimeSpan Unacknowledged);
