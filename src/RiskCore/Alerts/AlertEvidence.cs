using SafetyLedger.RiskCore.Explanations;
using SafetyLedger.RiskCore.Fusion;

namespace SafetyLedger.RiskCore.Alerts;

/// <summary>
/// What an alert rests on at one time: the fused level and confidence, the detectors, the
/// explanation, the model version in force and the ledger positions of the telemetry batch digests
/// holding the readings behind it.
/// </summary>
public sealed record AlertEvidence(
    RiskLevel Level,
    double Confidence,
    IReadOnlyList<string> Detectors,
    Explanation Explanation,
    string ModelVersion,
    IReadOnlyList<long> TelemetryPositions,
    DateTimeOffset DetectedAt)
{
    public static AlertEvidence From(RiskAssessment assessment, IReadOnlyList<long> telemetryPositions)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        return new(assessment.Level, assessment.Confidence, assessment.Detectors, assessment.Explanation, assessment.ModelVersion, telemetryPositions, assessment.Time);
    }
}
