using SafetyLedger.RiskCore.Fusion;

namespace SafetyLedger.RiskCore.Response;

/// <summary>The response tiers of one site (ours; configurable per site).</summary>
public sealed class SiteResponseOptions
{
    /// <summary>False: no automatic intervention at this site; every alert goes to review.</summary>
    public bool AutomaticEnabled { get; set; } = true;

    /// <summary>Alerts at this level or above, with enough confidence, get an automatic intervention.</summary>
    public RiskLevel AutomaticFrom { get; set; } = RiskLevel.Orange;

    /// <summary>The confidence an automatic intervention needs; below it the alert goes to human review.</summary>
    public double MinimumConfidence { get; set; } = 0.9;

    /// <summary>DCS action commanded for an Orange alert.</summary>
    public string OrangeAction { get; set; } = "reduce-load";

    /// <summary>DCS action commanded for a Red alert.</summary>
    public string RedAction { get; set; } = "isolate-area";

    public string ActionFor(RiskLevel level) => level >= RiskLevel.Red ? RedAction : OrangeAction;
}
