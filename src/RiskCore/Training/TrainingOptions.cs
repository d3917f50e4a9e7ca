using SafetyLedger.RiskCore.Alerts;

namespace SafetyLedger.RiskCore.Training;

/// <summary>How alert labels shape training (section <c>RiskCore:Training</c>; ours).</summary>
public sealed class TrainingOptions
{
    public const string Section = "RiskCore:Training";

    /// <summary>Readings of a site inside spans with these labels are abnormal and left out of the fit.</summary>
    public IList<AlertLabel> ExcludedLabels { get; init; } = [AlertLabel.TrueAlarm, AlertLabel.Maintenance];

    /// <summary>A labelled span starts this long before its alert was raised (the build-up).</summary>
    public TimeSpan LeadMargin { get; set; } = TimeSpan.FromMinutes(30);
}
