using SafetyLedger.RiskCore.Backtesting;

namespace SafetyLedger.RiskCore.Tests.Backtesting;

public sealed class UnivariateStreamDetectorTests
{
    private const int Shift = 3000;

    /// <summary>A noisy daily-like wave with a spike every 300 rows; from row 3000 on, 2.5 higher (inside the range already seen).</summary>
    private static double[] Series()
    {
        var random = new Random(7);
        return Enumerable.Range(0, 3500)
            .Select(i => Math.Sin(2 * Math.PI * i / 100) + (0.4 * random.NextDouble()) - 0.2 + (i % 300 == 150 ? 6 : 0) + (i >= Shift ? 2.5 : 0))
            .ToArray();
    }

    private static List<int> Alarms(UnivariateDetectorOptions options)
    {
        var series = Series();
        var detector = new UnivariateStreamDetector(options);
        detector.Fit(series.Take(1000).Select(v => new[] { v }).ToArray());
        var alarms = new List<int>();
        for (var i = 1000; i < series.Length; i++)
        {
            if (detector.Score([series[i]]).Alarm)
            {
                alarms.Add(i);
            }
        }

        return alarms;
    }

    [Fact]
    public void A_level_shift_inside_the_range_seen_alarms_within_the_level_window_and_nothing_before_it_does()
    {
        var alarms = Alarms(new UnivariateDetectorOptions());
        Assert.NotEmpty(alarms);
        Assert.InRange(alarms[0], Shift, Shift + 20);
    }

    [Fact]
    public void Without_the_level_evidence_the_same_shift_is_found_late()
    {
        var alarms = Alarms(new UnivariateDetectorOptions { LevelWeight = 0 });
        Assert.True(alarms.Count == 0 || alarms[0] > Shift + 20, $"first alarm {string.Join(',', alarms)}");
    }
}
