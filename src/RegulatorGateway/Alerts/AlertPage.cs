using SafetyLedger.RiskCore.Alerts.Projection;

namespace SafetyLedger.RegulatorGateway.Alerts;

/// <summary>One page of an alert list; <see cref="NextCursor"/> fetches the next (absent on the last page).</summary>
public sealed record AlertPage(IReadOnlyList<AlertRow> Items, string? NextCursor);
