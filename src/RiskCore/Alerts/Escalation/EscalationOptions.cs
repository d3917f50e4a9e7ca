using SafetyLedger.RiskCore.Fusion;

namespace SafetyLedger.RiskCore.Alerts.Escalation;

/// <summary>
/// How long an alert of each level may stay unacknowledged before each escalation step
/// (section <c>RiskCore:Escalation</c>; ours — no regulation sets these). Step n is due at
/// raised-at + n × the level's time; null never escalates.
/// </summary>
public sealed class EscalationOptions
{
    public const string Section = "RiskCore:Escalation";

    public TimeSpan? Blue { get; set; }

    public TimeSpan? Yellow { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan? Orange { get; set; } = TimeSpan.FromMinutes(15);

    public TimeSpan? Red { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Escalation steps at most (e.g. shift lead, site manager, enterprise safety officer).</summary>
    public int MaxSteps { get; set; } = 3;

    /// <summary>How often open alerts are checked.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan? AcknowledgeWithin(RiskLevel level) => level switch
    {
        RiskLevel.Red => Red,
        RiskLevel.Orange => Orange,
        RiskLevel.Yellow => Yellow,
        _ => Blue,
    };
}
