using SafetyLedger.Ingestion.Telemetry.Sqlite;

namespace SafetyLedger.Ingestion.Tests.Telemetry;

public sealed class SequenceWatermarkTests
{
    private const long Window = 1_000;

    [Fact]
    public void A_number_above_the_highest_needs_no_look_up_and_one_at_or_below_what_was_read_does()
    {
        var read = SequenceWatermark.Read(highest: 10, highestAt: 5_000, covered: 0);

        Assert.False(read.MayHold(11, 5_000 - Window));
        Assert.True(read.MayHold(10, 5_000 - Window));
        Assert.True(read.MayHold(3, 5_000 - Window));
    }

    [Fact]
    public void Recent_numbers_this_writer_did_not_store_need_no_look_up_and_the_ones_it_stored_do()
    {
        var w = SequenceWatermark.Read(highest: 10, highestAt: 5_000, covered: 0)
            .Stored(11, 5_100)
            .Stored(14, 5_400)
            .Stored(13, 5_300); // out of order: below the highest

        Assert.True(w.MayHold(11, 4_000));
        Assert.False(w.MayHold(12, 4_000));
        Assert.True(w.MayHold(13, 4_000));
        Assert.True(w.MayHold(14, 4_000));
        Assert.True(w.MayHold(10, 4_000)); // stored before this writer began tracking
        Assert.Equal(14, w.Highest);
        Assert.Equal(5_400, w.HighestAt);
    }

    [Fact]
    public void Numbers_more_than_64_below_the_highest_are_looked_up()
    {
        var w = SequenceWatermark.Empty(0).Stored(0, 1).Stored(100, 2);

        Assert.False(w.MayHold(99, 0));
        Assert.False(w.MayHold(37, 0));
        Assert.True(w.MayHold(36, 0)); // 64 below 100: no longer marked
        Assert.True(w.MayHold(0, 0));
    }

    [Fact]
    public void A_window_reaching_before_what_was_read_is_always_looked_up()
    {
        var w = SequenceWatermark.Read(highest: 10, highestAt: 5_000, covered: 3_000);

        Assert.True(w.MayHold(50, 2_999));
        Assert.False(w.MayHold(50, 3_000));
    }

    [Fact]
    public void The_highest_is_stale_once_it_is_older_than_a_reading_window_with_a_number_at_or_below_it()
    {
        var w = SequenceWatermark.Read(highest: 500, highestAt: 5_000, covered: 0);

        Assert.False(w.IsStale(3, 4_999));
        Assert.True(w.IsStale(3, 5_001));
        Assert.False(w.IsStale(501, 5_001));
        Assert.False(SequenceWatermark.Read(500, 5_000, covered: 6_000).IsStale(3, 5_500)); // window before what was read: looked up instead
    }
}
