using SafetyLedger.RiskCore.Explanations;
using SafetyLedger.RiskCore.Fusion;

namespace SafetyLedger.RiskCore.Alerts;

/// <summary>An open alert's assessment changed (level, detectors or confidence) while it stayed active: de-duplication.</summary>
public sealed record AlertUpdated(
    string AlertId,
    RiskLevel Level,
    double Confidence,
    IReadOnlyList<string> Detectors,
    Explanation Explanation,
    string ModelVersion,
    IReadOnlyList<long> TelemetryPositions,
    DateTimeOffset DetectedAt);
