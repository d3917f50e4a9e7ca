using SafetyLedger.RiskCore.Explanations;

namespace SafetyLedger.RiskCore.Fusion;

/// <summary>
/// The fused risk of one area (tenant + site) after a reading: what an alert needs later
/// (level, confidence, detectors, explanation, model version) and the findings behind it.
/// </summary>
public sealed record RiskAssessment(
    string Tenant,
    string Site,
    DateTimeOffset Time,
    RiskLevel Level,
    double Confidence,
    IReadOnlyList<string> Detectors,
    Explanation Explanation,
    string ModelVersion,
    IReadOnlyList<DetectorFinding> Findings);
