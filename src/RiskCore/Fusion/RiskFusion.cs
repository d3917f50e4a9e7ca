using SafetyLedger.RiskCore.Explanations;
using SafetyLedger.RiskCore.Faults;

namespace SafetyLedger.RiskCore.Fusion;

/// <summary>
/// Fuses findings: the level is the highest finding's level, raised one step (up to Red) when
/// enough different detectors corroborate it (a sensor fault does not corroborate a process
/// alarm); the confidence is 1 − Π(1 − cᵢ) over the findings at
/// Yellow or above; the explanation merges the findings' contributions, highest level first.
/// </summary>
public sealed class RiskFusion(FusionOptions options)
{
    public (RiskLevel Level, double Confidence, IReadOnlyList<string> Detectors, Explanation Explanation) Fuse(IReadOnlyCollection<DetectorFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        var alarms = findings.Where(f => f.Level > RiskLevel.Blue).OrderByDescending(f => f.Level).ThenByDescending(f => f.Score).ToArray();
        if (alarms.Length == 0)
        {
            return (RiskLevel.Blue, options.NoFindingConfidence, [], Explanation.None);
        }

        var detectors = alarms.Select(f => f.Detector).Distinct(StringComparer.Ordinal).ToArray();
        var level = alarms[0].Level;
        var corroborating = detectors.Count(d => !d.StartsWith(StuckSensorCheck.Family + "/", StringComparison.Ordinal));
        if (corroborating >= options.CorroboratingDetectors && level < RiskLevel.Red)
        {
            level++;
        }

        var confidence = 1.0 - alarms.Aggregate(1.0, (product, f) => product * (1.0 - Math.Clamp(f.Confidence, 0, 1)));
        var contributions = alarms.SelectMany(f => f.Explanation.Contributions).ToArray();
        var summary = string.Join("; ", alarms.Select(f => f.Explanation.Summary).Distinct(StringComparer.Ordinal));
        return (level, Math.Clamp(confidence, 0, 1), detectors, new Explanation(summary, contributions));
    }
}
