using SafetyLedger.RiskCore.Explanations;
using SafetyLedger.RiskCore.Fusion;
using SafetyLedger.RiskCore.Response;

namespace SafetyLedger.RiskCore.Alerts;

/// <summary>
/// An alert's current state, folded from its ledger stream by <see cref="AlertFold"/>.
/// <see cref="Version"/> is the stream version to expect on the next append.
/// </summary>
public sealed record Alert
{
    public required string Tenant { get; init; }

    public required string AlertId { get; init; }

    public required string Site { get; init; }

    public required string DetectorFamily { get; init; }

    public AlertState State { get; init; }

    public RiskLevel Level { get; init; }

    public double Confidence { get; init; }

    public IReadOnlyList<string> Detectors { get; init; } = [];

    public Explanation Explanation { get; init; } = Explanation.None;

    public string ModelVersion { get; init; } = string.Empty;

    public IReadOnlyList<long> TelemetryPositions { get; init; } = [];

    public DateTimeOffset DetectedAt { get; init; }

    public DateTimeOffset RaisedAt { get; init; }

    public DateTimeOffset UpdatedAt { get; init; }

    public DateTimeOffset? AcknowledgedAt { get; init; }

    public string? AcknowledgedBy { get; init; }

    public DateTimeOffset? ResolvedAt { get; init; }

    public string? ResolvedBy { get; init; }

    public AlertLabel? Label { get; init; }

    public string? Comment { get; init; }

    public int Escalations { get; init; }

    public InterventionState Intervention { get; init; }

    public string? CommandId { get; init; }

    public RiskLevel? InterventionLevel { get; init; }

    public bool ReviewRequested { get; init; }

    /// <summary>
    /// The DCS command (intervention or cancellation) that is ledgered but not yet acknowledged by the
    /// broker; null when there is none. It is sent again, identical, until its delivery is ledgered.
    /// </summary>
    public DcsCommand? PendingCommand { get; init; }

    public long Version { get; init; }

    public long LastPosition { get; init; }

    public string StreamId => AlertEventTypes.StreamId(Tenant, AlertId);

    public bool IsOpen => State != AlertState.Resolved;

    public AlertKey Key => new(Tenant, Site, DetectorFamily);
}
