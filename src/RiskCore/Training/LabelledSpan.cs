using SafetyLedger.RiskCore.Alerts;

namespace SafetyLedger.RiskCore.Training;

/// <summary>A resolved alert's time span at a site and the label the operator gave it.</summary>
public sealed record LabelledSpan(string Site, DateTimeOffset From, DateTimeOffset To, AlertLabel Label);
