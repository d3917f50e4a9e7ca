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

    /// <summary>
    /// Evidence of an open alert is ledgered again at most this often (by the readings' time), so detectors
    /// flickering during a developing failure do not write an update per reading; a rise in level is
    /// ledgered at once (it may command a stronger intervention).
    /// </summary>
    public TimeSpan MinimumUpdateInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Attempts of an append that lost a race with another writer of the same alert.</summary>
    public int ConcurrencyRetries { get; set; } = 3;
}
