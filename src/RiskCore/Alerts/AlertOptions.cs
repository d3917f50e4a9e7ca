using SafetyLedger.RiskCore.Fusion;

namespace SafetyLedger.RiskCore.Alerts;

/// <summary>When assessments raise or update alerts (section <c>RiskCore:Alerts</c>).</summary>
public sealed class AlertOptions
{
    public const string Section = "RiskCore:Alerts";

    /// <summary>Assessments below this level raise nothing (Blue is "no alarm").</summary>
    public RiskLevel MinimumLevel { get; set; } = RiskLevel.Yellow;

    /// <summary>An open alert is updated when its level or detectors change, or its confidence moves by at least this much.</summary>
    public double ConfidenceStep { get; set; } = 0.1;

    /// <summary>Attempts of an append that lost a race with another writer of the same alert.</summary>
    public int ConcurrencyRetries { get; set; } = 3;
}
