namespace SafetyLedger.RiskCore.Alerts;

/// <summary>Ledger event types of an alert stream and the stream naming.</summary>
public static class AlertEventTypes
{
    public const string Raised = "AlertRaised";
    public const string Updated = "AlertUpdated";
    public const string Acknowledged = "AlertAcknowledged";
    public const string Escalated = "AlertEscalated";
    public const string Resolved = "AlertResolved";
    public const string Overridden = "AlertOverridden";
    public const string InterventionCommanded = "InterventionCommanded";
    public const string ReviewRequested = "ReviewRequested";
    public const string InterventionDelivered = "InterventionDelivered";

    /// <summary>Every alert stream id starts with this.</summary>
    public const string StreamPrefix = "alert-";

    public static string StreamId(string tenant, string alertId) => $"{StreamPrefix}{tenant}-{alertId}";
}
