using SafetyLedger.RiskCore.Drift;
using SafetyLedger.RiskCore.Rules;
using SafetyLedger.RiskCore.Tests.Support;

namespace SafetyLedger.RiskCore.Tests.Drift;

public sealed class DriftTrackerTests
{
    [Fact]
    public void A_slow_ramp_below_the_threshold_is_caught_long_before_it_would_cross_it_and_the_lead_time_is_reported()
    {
        var tracker = new DriftTracker(new DriftOptions());
        var limits = new ThresholdRules(new AlarmRuleOptions()).LimitsFor("flammable_gas", "% LEL");
        var state = new DriftState();
        var random = new Random(11);
        const int rampStart = 2000;
        const double perMinute = 0.02;
        int? detectedAt = null;
        TimeSpan? estimate = null;
        for (var minute = 0; minute < 4000 && detectedAt is null; minute++)
        {
            var ramp = Math.Min(Math.Max(0, minute - rampStart) * perMinute, 15);
            var value = 5 + ramp + ((random.NextDouble() - 0.5) * 1.0) + Math.Sin(minute * 2 * Math.PI / 1440);
            var finding = tracker.Update(Some.Gas(value, minute), state, limits);
            if (finding is not null)
            {
                Assert.True(minute > rampStart, $"false alarm at minute {minute} before the ramp");
                detectedAt = minute;
                estimate = finding.TimeToThreshold;
            }
        }

        Assert.NotNull(detectedAt);
        var crossing = rampStart + ((25 - 5) / perMinute);
        var lead = TimeSpan.FromMinutes(crossing - detectedAt.Value);
        Assert.True(lead > TimeSpan.FromHours(10), $"lead time only {lead}");
        Assert.NotNull(estimate);
        Assert.True(estimate > TimeSpan.Zero);
    }

    [Fact]
    public void Noise_with_a_daily_cycle_raises_no_drift_alarm()
    {
        var tracker = new DriftTracker(new DriftOptions());
        var state = new DriftState();
        var random = new Random(3);
        var alarms = 0;
        for (var minute = 0; minute < 3 * 1440; minute += 5)
        {
            var value = 40 + (5 * Math.Sin(minute * 2 * Math.PI / 1440)) + ((random.NextDouble() - 0.5) * 1.0);
            alarms += tracker.Update(Some.Reading("t-1", "temperature", value, "C", minute), state, limits: null) is null ? 0 : 1;
        }

        Assert.Equal(0, alarms);
    }
}
