using SafetyLedger.RiskCore.Explanations;

namespace SafetyLedger.RiskCore.Fusion;

/// <summary>
/// What one detector says about a sensor or an area at one time. <see cref="Score"/> is 1 at the
/// detector's alarm line; <see cref="TimeToThreshold"/> is the drift detector's estimate of when the
/// first rule threshold will be crossed at the current rate.
/// </summary>
public sealed record DetectorFinding(
    string Detector,
    RiskLevel Level,
    double Confidence,
    double Score,
    DateTimeOffset Time,
    Explanation Explanation,
    TimeSpan? TimeToThreshold = null);
