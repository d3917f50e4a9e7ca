using Microsoft.Extensions.Time.Testing;
using SafetyLedger.RiskCore.Fusion;
using SafetyLedger.RiskCore.Multivariate;
using SafetyLedger.RiskCore.Streaming;
using SafetyLedger.RiskCore.Tests.Support;

namespace SafetyLedger.RiskCore.Tests.Multivariate;

public sealed class CombinationAnomalyTests
{
    private static RiskEngine Engine() => new(new RiskEngineOptions { Multivariate = new MultivariateOptions { TrainingSamples = 300 } }, new FakeTimeProvider(Some.Start));

    private static RiskAssessment Feed(RiskEngine engine, int minute, double a, double b, double c)
    {
        engine.Process(Some.Reading("pressure-a", "pressure", a, "kPa", minute));
        engine.Process(Some.Reading("pressure-b", "pressure", b, "kPa", minute));
        return engine.Process(Some.Reading("flow-c", "flow", c, "m3/h", minute));
    }

    [Fact]
    public void Individually_normal_readings_that_break_their_correlation_raise_risk_and_the_perturbed_sensors_lead_the_explanation()
    {
        var engine = Engine();
        var random = new Random(5);
        for (var minute = 0; minute < 400; minute++)
        {
            var a = 50 + (5 * Gaussian(random));
            var assessment = Feed(engine, minute, a, a + (0.3 * Gaussian(random)), 10 + Gaussian(random));
            Assert.NotNull(assessment);
        }

        Feed(engine, 400, 56, 44, 10);
        var result = Feed(engine, 401, 56, 44, 10);
        Assert.Contains(AreaMonitor.DetectorName, result.Detectors, StringComparer.Ordinal);
        Assert.True(result.Level >= RiskLevel.Yellow);
        var ranked = result.Explanation.Contributions.Select(c => c.SensorId).Take(2).ToHashSet(StringComparer.Ordinal);
        Assert.True(ranked.SetEquals(["pressure-a", "pressure-b"]), string.Join(",", ranked));
        var top = result.Explanation.Contributions[0];
        Assert.InRange(top.Value, top.NormalLow, top.NormalHigh);
        Assert.True(result.Explanation.Contributions.Take(2).Sum(c => c.Share) > 0.8);
        Assert.Equal("riskcore/1", result.ModelVersion);
    }

    [Fact]
    public void A_snapshot_restored_into_a_new_engine_continues_with_the_same_model()
    {
        var engine = Engine();
        var random = new Random(9);
        for (var minute = 0; minute < 320; minute++)
        {
            var a = 50 + (5 * Gaussian(random));
            Feed(engine, minute, a, a + (0.3 * Gaussian(random)), 10 + Gaussian(random));
        }

        var json = engine.Snapshot().ToJson();
        var restored = Engine();
        restored.Restore(RiskEngineSnapshot.FromJson(json));
        Assert.Equal(3, restored.SensorCount);
        Feed(restored, 400, 56, 44, 10);
        var result = Feed(restored, 401, 56, 44, 10);
        Assert.Contains(AreaMonitor.DetectorName, result.Detectors, StringComparer.Ordinal);
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
