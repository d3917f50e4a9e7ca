using SafetyLedger.RiskCore.Fusion;

namespace SafetyLedger.RiskCore.Alerts.Projection;

/// <summary>One row of the alert read table: the listing columns of an <see cref="Alert"/>.</summary>
public sealed record AlertRow(
    string Tenant,
    string AlertId,
    string Site,
    string DetectorFamily,
    AlertState State,
    RiskLevel Level,
    double Confidence,
    string Summary,
    string ModelVersion,
    DateTimeOffset RaisedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? AcknowledgedAt,
    DateTimeOffset? ResolvedAt,
    AlertLabel? Label,
    int Escalations,
    InterventionState Intervention,
    bool ReviewRequested,
    long Version,
    long LastPosition)
{
    public static AlertRow From(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return new(
            alert.Tenant,
            alert.AlertId,
            alert.Site,
            alert.DetectorFamily,
            alert.State,
            alert.Level,
            alert.Confidence,
            alert.Explanation.Summary,
            alert.ModelVersion,
            alert.RaisedAt,
            alert.UpdatedAt,
            alert.AcknowledgedAt,
            alert.ResolvedAt,
            alert.Label,
            alert.Escalations,
            alert.Intervention,
            alert.ReviewRequested,
            alert.Version,
            alert.LastPosition);
    }
}
