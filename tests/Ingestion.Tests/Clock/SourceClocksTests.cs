using Microsoft.Extensions.Options;
using SafetyLedger.Ingestion.Clock;
using SafetyLedger.Ingestion.Pipeline;

namespace SafetyLedger.Ingestion.Tests.Clock;

public sealed class SourceClocksTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_source_four_minutes_fast_is_detected_and_corrected_within_its_window()
    {
        var options = new ClockOptions();
        var clocks = new SourceClocks(Options.Create(options));
        var random = new Random(7);
        var fast = TimeSpan.FromMinutes(4);
        var period = TimeSpan.FromSeconds(5);
        var samples = (int)(options.Window / period);
        var worst = TimeSpan.Zero;
        for (var i = 0; i < samples; i++)
        {
            var truth = Start + (period * i);
            // 50-300 ms of network delay, and every 10th message stuck in a queue for 20-40 s.
            var delay = TimeSpan.FromMilliseconds(random.Next(50, 300)) + (i % 10 == 9 ? TimeSpan.FromSeconds(random.Next(20, 40)) : TimeSpan.Zero);
            var correction = clocks.Correct("acme/h2s-1", truth + fast, truth + delay);
            Assert.Null(correction.Rejection);
            Assert.True(correction.Corrected);
            if (i >= 3)
            {
                worst = TimeSpan.FromTicks(Math.Max(worst.Ticks, (correction.CorrectedTime - truth).Duration().Ticks));
            }
        }

        var estimate = clocks.EstimatedOffset("acme/h2s-1")!.Value;
        Assert.InRange(estimate.TotalSeconds, -240 + 0.05, -240 + 0.3); // received − source: four minutes minus a typical delay
        Assert.True(worst < TimeSpan.FromSeconds(1), $"corrected times were off by up to {worst}");
    }

    [Fact]
    public void A_good_clock_is_left_alone_despite_network_delay()
    {
        var clocks = new SourceClocks(Options.Create(new ClockOptions()));
        for (var i = 0; i < 50; i++)
        {
            var truth = Start.AddSeconds(i);
            var correction = clocks.Correct("s", truth, truth.AddMilliseconds(400));
            Assert.False(correction.Corrected);
            Assert.Equal(truth, correction.CorrectedTime);
        }
    }

    [Fact]
    public void A_backlog_replayed_late_does_not_look_like_a_slow_clock()
    {
        var clocks = new SourceClocks(Options.Create(new ClockOptions()));
        var now = Start;

        // Five minutes of a good clock, one reading a second, 100 ms of network delay.
        for (var i = 0; i < 300; i++, now = now.AddSeconds(1))
        {
            Assert.Null(clocks.Correct("s", now, now.AddMilliseconds(100)).Rejection);
        }

        // Overload: 30 s of readings (ten a second) queue up and arrive within one second, up to 30 s late.
        var replayedAt = now.AddSeconds(30);
        for (var i = 0; i < 300; i++)
        {
            var correction = clocks.Correct("s", now.AddMilliseconds(100 * i), replayedAt.AddMilliseconds(3 * i));
            Assert.Null(correction.Rejection);
            Assert.False(correction.Corrected);
        }

        // Fresh readings after the backlog are neither refused nor moved.
        for (var i = 0; i < 20; i++)
        {
            var truth = replayedAt.AddSeconds(1 + i);
            var correction = clocks.Correct("s", truth, truth.AddMilliseconds(100));
            Assert.Null(correction.Rejection);
            Assert.Equal(truth, correction.CorrectedTime);
        }

        Assert.InRange(clocks.EstimatedOffset("s")!.Value.TotalSeconds, 0, 0.2);
    }

    [Fact]
    public void Readings_after_a_long_queueing_delay_are_never_refused_as_future_nor_placed_after_arrival()
    {
        var clocks = new SourceClocks(Options.Create(new ClockOptions()));
        var now = Start;

        // Longer than the window, every reading waits 5 s in a queue: indistinguishable from a clock 5 s slow.
        for (var i = 0; i < 700; i++, now = now.AddSeconds(1))
        {
            Assert.Null(clocks.Correct("s", now, now.AddSeconds(5)).Rejection);
        }

        Assert.InRange(clocks.EstimatedOffset("s")!.Value.TotalSeconds, 4.9, 5.1);

        // The queue drains: readings arrive 100 ms after their (correct) source time.
        for (var i = 0; i < 20; i++)
        {
            var truth = now.AddSeconds(i);
            var received = truth.AddMilliseconds(100);
            var correction = clocks.Correct("s", truth, received);
            Assert.Null(correction.Rejection);
            Assert.True(correction.CorrectedTime <= received, $"corrected {correction.CorrectedTime:O} is after arrival {received:O}");
            Assert.True(correction.CorrectedTime >= truth);
        }
    }

    [Fact]
    public void A_reading_far_in_the_future_is_refused()
    {
        var clocks = new SourceClocks(Options.Create(new ClockOptions()));
        var correction = clocks.Correct("s", Start.AddHours(2), Start);
        Assert.Equal(RejectionReasons.FutureTimestamp, correction.Rejection!.Reason);
    }

    [Fact]
    public void A_single_reading_ahead_of_an_otherwise_good_clock_is_refused_as_from_the_future()
    {
        var clocks = new SourceClocks(Options.Create(new ClockOptions()));
        for (var i = 0; i < 20; i++)
        {
            clocks.Correct("s", Start.AddSeconds(i), Start.AddSeconds(i).AddMilliseconds(100));
        }

        var ahead = clocks.Correct("s", Start.AddSeconds(20).AddMinutes(5), Start.AddSeconds(20).AddMilliseconds(100));
        Assert.Equal(RejectionReasons.FutureTimestamp, ahead.Rejection!.Reason);
    }

    [Fact]
    public void A_reading_older_than_the_maximum_age_is_refused_as_stale()
    {
        var clocks = new SourceClocks(Options.Create(new ClockOptions()));
        Assert.Equal(RejectionReasons.StaleTimestamp, clocks.Correct("s", Start.AddDays(-8), Start).Rejection!.Reason);
    }

    [Fact]
    public void A_reading_received_after_the_timeliness_SLA_is_flagged_late()
    {
        var clocks = new SourceClocks(Options.Create(new ClockOptions()));
        for (var i = 0; i < 10; i++)
        {
            clocks.Correct("s", Start.AddSeconds(i), Start.AddSeconds(i).AddMilliseconds(100));
        }

        var late = clocks.Correct("s", Start.AddSeconds(10), Start.AddSeconds(10).AddMinutes(3));
        Assert.Null(late.Rejection);
        Assert.True(late.Late);
    }
}
