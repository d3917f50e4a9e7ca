using SafetyLedger.RiskCore.Explanations;
using SafetyLedger.RiskCore.Fusion;

namespace SafetyLedger.RiskCore.Alerts;

/// <summary>
/// A new alert for one (tenant, site, detector family). <see cref="TelemetryPositions"/> are the
/// ledger positions of the telemetry batch digests that hold the readings behind it.
/// </summary>
public sealed record AlertRaised(
    string AlertId,
    string Site,
    string DetectorFamily,
    RiskLevel Level,
    double Confidence,
    IReadOnlyList<string> Detectors,
    Explanation Explanation,
    string ModelVersion,
    IReadOnlyList<long> TelemetryPositions,
    DateTimeOffset DetectedAt);
