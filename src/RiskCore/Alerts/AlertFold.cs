using SafetyLedger.Ledger.Events;
using SafetyLedger.RiskCore.Response;

namespace SafetyLedger.RiskCore.Alerts;

/// <summary>
/// Folds an alert stream's entries into an <see cref="Alert"/>. Pure: the service, the open-alert
/// index and the projection all fold the same way, so they agree on every field.
/// </summary>
public static class AlertFold
{
    /// <summary>Whether the entry belongs to an alert stream.</summary>
    public static bool IsAlertEntry(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.StreamId.StartsWith(AlertEventTypes.StreamPrefix, StringComparison.Ordinal);
    }

    public static Alert? Fold(IEnumerable<LedgerEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Alert? alert = null;
        foreach (var entry in entries)
        {
            alert = Apply(alert, entry);
        }

        return alert;
    }

    /// <summary>The alert after <paramref name="entry"/>; <paramref name="current"/> is null before the stream's first entry.</summary>
    public static Alert Apply(Alert? current, LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var next = entry.EventType == AlertEventTypes.Raised
            ? Raise(entry)
            : When(Require(current, entry), entry);
        return next with { Version = entry.StreamVersion, LastPosition = entry.Position };
    }

    private static Alert Raise(LedgerEntry entry)
    {
        var e = AlertJson.Deserialize<AlertRaised>(entry.Payload);
        var alert = new Alert
        {
            Tenant = entry.Tenant,
            AlertId = e.AlertId,
            Site = e.Site,
            DetectorFamily = e.DetectorFamily,
            State = AlertState.Raised,
            RaisedAt = entry.RecordedAt,
        };
        return WithEvidence(alert, e.Evidence, entry.RecordedAt);
    }

    private static Alert WithEvidence(Alert alert, AlertEvidence evidence, DateTimeOffset at) => alert with
    {
        Level = evidence.Level,
        Confidence = evidence.Confidence,
        Detectors = evidence.Detectors,
        Explanation = evidence.Explanation,
        ModelVersion = evidence.ModelVersion,
        TelemetryPositions = [.. alert.TelemetryPositions.Union(evidence.TelemetryPositions)],
        DetectedAt = evidence.DetectedAt,
        UpdatedAt = at,
    };

    private static Alert When(Alert alert, LedgerEntry entry)
    {
        var at = entry.RecordedAt;
        switch (entry.EventType)
        {
            case AlertEventTypes.Updated:
                return WithEvidence(alert, AlertJson.Deserialize<AlertUpdated>(entry.Payload).Evidence, at);
            case AlertEventTypes.Acknowledged:
                var acknowledged = AlertJson.Deserialize<AlertAcknowledged>(entry.Payload);
                return alert with { State = AlertState.Acknowledged, AcknowledgedAt = at, AcknowledgedBy = acknowledged.Actor, Comment = acknowledged.Comment ?? alert.Comment, UpdatedAt = at };
            case AlertEventTypes.Escalated:
                var escalated = AlertJson.Deserialize<AlertEscalated>(entry.Payload);
                return alert with { Escalations = escalated.Step, UpdatedAt = at };
            case AlertEventTypes.Resolved:
                var resolved = AlertJson.Deserialize<AlertResolved>(entry.Payload);
                return alert with { State = AlertState.Resolved, ResolvedAt = at, ResolvedBy = resolved.Actor, Label = resolved.Label, Comment = resolved.Comment ?? alert.Comment, UpdatedAt = at };
            case AlertEventTypes.Overridden:
                var overridden = AlertJson.Deserialize<AlertOverridden>(entry.Payload);
                var cancels = overridden.Action == OverrideAction.CancelIntervention ? alert.CommandId : null;
                return alert with
                {
                    Level = overridden.Level,
                    Intervention = overridden.Action switch
                    {
                        OverrideAction.CancelIntervention => InterventionState.Cancelled,
                        OverrideAction.ConfirmIntervention => InterventionState.Confirmed,
                        _ => alert.Intervention,
                    },
                    PendingCommand = cancels is null
                        ? alert.PendingCommand
                        : new DcsCommand($"{cancels}-cancel", alert.AlertId, alert.Tenant, alert.Site, DcsCommand.CancelAction, overridden.Reason, overridden.Level, alert.Confidence, at, entry.Position, cancels),
                    UpdatedAt = at,
                };
            case AlertEventTypes.InterventionCommanded:
                var commanded = AlertJson.Deserialize<InterventionCommanded>(entry.Payload);
                return alert with
                {
                    Intervention = InterventionState.Commanded,
                    CommandId = commanded.CommandId,
                    InterventionLevel = commanded.Level,
                    PendingCommand = new DcsCommand(commanded.CommandId, alert.AlertId, alert.Tenant, alert.Site, commanded.Action, commanded.Reason, commanded.Level, commanded.Confidence, at, entry.Position),
                    UpdatedAt = at,
                };
            case AlertEventTypes.InterventionDelivered:
                var delivered = AlertJson.Deserialize<InterventionDelivered>(entry.Payload);
                return alert.PendingCommand?.CommandId == delivered.CommandId ? alert with { PendingCommand = null } : alert;
            case AlertEventTypes.ReviewRequested:
                return alert with { ReviewRequested = true, UpdatedAt = at };
            default:
                return alert;
        }
    }

    private static Alert Require(Alert? current, LedgerEntry entry) =>
        current ?? throw new InvalidDataException($"Entry {entry.Position} ({entry.EventType}) of '{entry.StreamId}' comes before the stream's {AlertEventTypes.Raised}.");
}
