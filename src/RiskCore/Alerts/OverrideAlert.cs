using SafetyLedger.RiskCore.Fusion;

namespace SafetyLedger.RiskCore.Alerts;

/// <summary>
/// An operator's override of an open alert last seen at <paramref name="ExpectedVersion"/>:
/// cancel or confirm its intervention, or change its level to <paramref name="Level"/>.
/// </summary>
public sealed record OverrideAlert(string Tenant, string AlertId, long ExpectedVersion, string Actor, OverrideAction Action, RiskLevel? Level, string Reason);
