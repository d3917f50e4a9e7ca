using SafetyLedger.RiskCore.Explanations;
using SafetyLedger.RiskCore.Fusion;
using SafetyLedger.RiskCore.Readings;

namespace SafetyLedger.RiskCore.Tests.Support;

/// <summary>Test-data builders.</summary>
internal static class Some
{
    public static DateTimeOffset Start { get; } = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    public static Reading Reading(string sensor, string kind, double value, string unit, int minute, string site = "site-1") =>
        new("tenant-1", site, sensor, kind, Start.AddMinutes(minute), value, unit, "good");

    public static Reading Gas(double value, int minute) => Reading("lel-1", SensorKinds.FlammableGas, value, "% LEL", minute);

    public static Reading Toxic(double value, int minute) => Reading("h2s-1", SensorKinds.ToxicGas, value, "%OEL", minute);

    public static Reading Oxygen(double value, int minute) => Reading("o2-1", SensorKinds.Oxygen, value, "%vol", minute);

    public static RiskAssessment Assessment(RiskLevel level, double confidence = 0.95, string detector = "rules", string site = "site-1", int minute = 0) =>
        new(
            "tenant-1",
            site,
            Start.AddMinutes(minute),
            level,
            confidence,
            [detector],
            new Explanation($"lel-1 over the {level} line", [new SensorContribution("lel-1", 30, 0, 25, 1, "level 1 ≥ 25 % LEL")]),
            "riskcore/1",
            []);
}
