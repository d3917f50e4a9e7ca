using SafetyLedger.RiskCore.Backtesting;
using SafetyLedger.RiskCore.Multivariate;

namespace SafetyLedger.RiskCore.Tests.Backtesting;

public sealed class PcaSequenceDetectorTests
{
    private const double SteadyLevel = 100;

    [Fact]
    public void The_scale_floor_raises_the_scale_of_a_steady_variable_to_its_share_of_the_level()
    {
        var normal = Normal(new Random(1));
        var plain = PcaModel.Fit(normal, new PcaOptions());
        var floored = PcaModel.Fit(normal, new PcaOptions { RelativeScaleFloor = 0.01 });
        Assert.InRange(plain.Scale(0), 0.005, 0.02);
        Assert.Equal(0.01 * floored.Mean(0), floored.Scale(0), 12);
        Assert.Equal(plain.Scale(1), floored.Scale(1), 12);
    }

    [Fact]
    public void A_drift_of_a_fraction_of_a_percent_on_a_steady_sensor_alarms_without_the_scale_floor()
    {
        var alarms = Alarms(relativeFloor: 0, offset: 0.3);
        Assert.True(alarms.Normal == 0, $"{alarms.Normal} alarms before the drift");
        Assert.True(alarms.Shifted > 90, $"{alarms.Shifted} of 100 drifted samples alarmed");
    }

    [Fact]
    public void With_a_one_percent_scale_floor_the_same_drift_stays_quiet()
    {
        var alarms = Alarms(relativeFloor: 0.01, offset: 0.3);
        Assert.Equal(0, alarms.Normal);
        Assert.Equal(0, alarms.Shifted);
    }

    [Fact]
    public void With_a_one_percent_scale_floor_a_five_percent_step_still_alarms()
    {
        var alarms = Alarms(relativeFloor: 0.01, offset: 5);
        Assert.Equal(0, alarms.Normal);
        Assert.True(alarms.Shifted > 90, $"{alarms.Shifted} of 100 shifted samples alarmed");
    }

    /// <summary>Fits on 400 normal samples, streams 50 more, then 100 with the steady sensor moved by <paramref name="offset"/>.</summary>
    private static (int Normal, int Shifted) Alarms(double relativeFloor, double offset)
    {
        var random = new Random(7);
        var detector = new PcaSequenceDetector(new PcaDetectorOptions
        {
            Pca = new() { RelativeScaleFloor = relativeFloor },
            SmoothingAlpha = 0.2,
            ThresholdQuantile = 1.0,
            ThresholdFactor = 2.2,
        });
        detector.Fit(Normal(random));
        var normal = Normal(random, 50).Count(row => detector.Score(row).Alarm);
        var shifted = Normal(random, 100).Count(row =>
        {
            row[0] += offset;
            return detector.Score(row).Alarm;
        });
        return (normal, shifted);
    }

    /// <summary>A steady sensor at 100 (sd 0.01) beside two noisy, correlated ones.</summary>
    private static List<double[]> Normal(Random random, int count = 400) =>
        [.. Enumerable.Range(0, count).Select(_ =>
        {
            var common = 10 + Gaussian(random);
            return new[] { SteadyLevel + (0.01 * Gaussian(random)), common, (0.5 * common) + (0.1 * Gaussian(random)) };
        })];

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
