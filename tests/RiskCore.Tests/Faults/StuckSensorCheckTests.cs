using SafetyLedger.RiskCore.Explanations;
using SafetyLedger.RiskCore.Faults;
using SafetyLedger.RiskCore.Fusion;
using SafetyLedger.RiskCore.Readings;
using SafetyLedger.RiskCore.Tests.Support;

namespace SafetyLedger.RiskCore.Tests.Faults;

public sealed class StuckSensorCheckTests
{
    private readonly StuckSensorCheck _check = new(new StuckSensorOptions());

    /// <summary>A noisy signal for <paramref name="noisy"/> readings, then <paramref name="frozen"/> repeats of its last value; the findings of each reading.</summary>
    private List<DetectorFinding?> Run(int noisy, int frozen)
    {
        var random = new Random(7);
        var state = default(StuckState);
        var findings = new List<DetectorFinding?>();
        var value = 0.0;
        for (var i = 0; i < noisy + frozen; i++)
        {
            if (i < noisy)
            {
                value = Math.Round(1.5 + (0.2 * random.NextDouble()), 3);
            }

            findings.Add(_check.Update(Some.Reading("h2s-1", SensorKinds.ToxicGas, value, "ppm", i), ref state));
        }

        return findings;
    }

    [Fact]
    public void A_noisy_sensor_that_freezes_is_flagged_Yellow_from_the_30th_repeat_with_its_usual_range()
    {
        var findings = Run(noisy: 100, frozen: 40);

        Assert.All(findings.Take(129), Assert.Null);
        var finding = Assert.IsType<DetectorFinding>(findings[129]);
        Assert.Equal(StuckSensorCheck.DetectorName, finding.Detector);
        Assert.Equal(RiskLevel.Yellow, finding.Level);
        var contribution = Assert.Single(finding.Explanation.Contributions);
        Assert.Equal("h2s-1", contribution.SensorId);
        Assert.InRange(contribution.NormalLow, 1.5, contribution.Value);
        Assert.InRange(contribution.NormalHigh, contribution.Value, 1.7);
        Assert.StartsWith("stuck: the same value for 30 readings in a row", contribution.Reason, StringComparison.Ordinal);
        Assert.NotNull(findings[^1]);
    }

    [Fact]
    public void A_sensor_that_changes_again_is_no_longer_flagged()
    {
        var state = default(StuckState);
        var i = 0;
        foreach (var value in Enumerable.Range(0, 100).Select(n => 1.0 + (n % 7)))
        {
            _check.Update(Some.Reading("h2s-1", SensorKinds.ToxicGas, value, "ppm", i++), ref state);
        }

        DetectorFinding? last = null;
        for (var n = 0; n < 40; n++)
        {
            last = _check.Update(Some.Reading("h2s-1", SensorKinds.ToxicGas, 3, "ppm", i++), ref state);
        }

        Assert.NotNull(last);
        Assert.Null(_check.Update(Some.Reading("h2s-1", SensorKinds.ToxicGas, 3.1, "ppm", i), ref state));
    }

    [Fact]
    public void A_gas_sensor_resting_at_zero_in_clean_air_is_never_flagged()
    {
        var state = default(StuckState);
        for (var i = 0; i < 1000; i++)
        {
            var value = i % 50 == 0 ? 1 : 0;
            Assert.Null(_check.Update(Some.Reading("h2s-1", SensorKinds.ToxicGas, value, "ppm", i), ref state));
        }
    }

    [Fact]
    public void A_new_sensor_is_not_flagged_before_its_usual_behaviour_is_known()
    {
        Assert.All(Run(noisy: 20, frozen: 40), Assert.Null);
    }

    [Fact]
    public void A_sensor_fault_does_not_corroborate_a_process_alarm_into_a_higher_level()
    {
        var fusion = new RiskFusion(new FusionOptions());
        var joint = new DetectorFinding("multivariate", RiskLevel.Yellow, 0.6, 1.2, Some.Start, Explanation.None);
        var stuck = new DetectorFinding(StuckSensorCheck.DetectorName, RiskLevel.Yellow, 0.8, 2, Some.Start, Explanation.None);
        var drift = new DetectorFinding("drift/cusum", RiskLevel.Yellow, 0.6, 1.1, Some.Start, Explanation.None);

        Assert.Equal(RiskLevel.Yellow, fusion.Fuse([joint, stuck]).Level);
        Assert.Equal(RiskLevel.Orange, fusion.Fuse([joint, drift]).Level);
    }
}
