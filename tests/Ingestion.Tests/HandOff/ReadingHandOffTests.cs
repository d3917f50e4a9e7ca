using System.Diagnostics;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SafetyLedger.Ingestion.HandOff;
using SafetyLedger.Ingestion.Tests.Support;

namespace SafetyLedger.Ingestion.Tests.HandOff;

public sealed class ReadingHandOffTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Readings_offered_out_of_order_within_the_window_come_out_in_corrected_time_order()
    {
        // A clock of the test's own: on the wall clock a stall of the test process between the two offers (seen
        // once in a cold run) let the first offer's window pass before the second arrived.
        var time = new FakeTimeProvider(Start);
        using var handOff = await StartAsync(new HandOffOptions { ReorderWindow = TimeSpan.FromMilliseconds(300) }, time);

        await handOff.OfferAsync([Reading(3), Reading(1)], CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(50));
        await handOff.OfferAsync([Reading(2), Reading(0)], CancellationToken.None);
        time.Advance(TimeSpan.FromMilliseconds(300));

        Assert.Equal([0, 1, 2, 3], await TakeAsync(handOff, 4));
        await handOff.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task No_reading_is_released_before_its_reorder_window_has_passed()
    {
        var window = TimeSpan.FromMilliseconds(250);
        using var handOff = await StartAsync(new HandOffOptions { ReorderWindow = window });
        var clock = Stopwatch.StartNew();

        await handOff.OfferAsync([Reading(0)], CancellationToken.None);
        await TakeAsync(handOff, 1);

        Assert.True(clock.Elapsed >= window - TimeSpan.FromMilliseconds(1), $"released after {clock.Elapsed.TotalMilliseconds:F0} ms");
        await handOff.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Many_offers_arriving_one_by_one_are_all_released_in_order()
    {
        using var handOff = await StartAsync(new HandOffOptions { ReorderWindow = TimeSpan.FromMilliseconds(100), ReleaseInterval = TimeSpan.FromMilliseconds(20) });

        for (var i = 0; i < 500; i++)
        {
            await handOff.OfferAsync([Reading(i)], CancellationToken.None);
        }

        Assert.Equal(Enumerable.Range(0, 500), await TakeAsync(handOff, 500));
        await handOff.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task An_offer_waits_while_the_hand_off_is_full_and_goes_on_once_the_reader_takes_one()
    {
        using var handOff = await StartAsync(new HandOffOptions { Capacity = 3, MaxHeld = 3, ReorderWindow = TimeSpan.Zero });

        // Three fit in the channel and three more in the reorder buffer; the seventh has to wait for the reader.
        var offer = handOff.OfferAsync(Enumerable.Range(0, 7).Select(Reading).ToList(), CancellationToken.None);
        var finished = await Task.WhenAny(offer, Task.Delay(300));

        Assert.NotSame(offer, finished);
        Assert.Equal([0], await TakeAsync(handOff, 1));
        await offer.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal([1, 2, 3, 4, 5, 6], await TakeAsync(handOff, 6));
        await handOff.StopAsync(CancellationToken.None);
    }

    [Fact]
    public async Task Readings_held_for_reordering_are_bounded_by_max_held_not_by_the_channel_capacity()
    {
        using var handOff = await StartAsync(new HandOffOptions { Capacity = 3, MaxHeld = 10, ReorderWindow = TimeSpan.FromMinutes(10) });

        // Ten readings are held for the window whatever the channel's capacity; the eleventh waits for a free place.
        await handOff.OfferAsync(Enumerable.Range(0, 10).Select(Reading).ToList(), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(10));
        Assert.Equal(10, handOff.Buffered);
        using var giveUp = new CancellationTokenSource();
        var eleventh = handOff.OfferAsync([Reading(10)], giveUp.Token);
        Assert.NotSame(eleventh, await Task.WhenAny(eleventh, Task.Delay(300)));
        Assert.Equal(10, handOff.Buffered);
        await giveUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () => await eleventh.WaitAsync(TimeSpan.FromSeconds(10)));
        await handOff.StopAsync(CancellationToken.None);
    }

    private static async Task<ReadingHandOff> StartAsync(HandOffOptions options, TimeProvider? time = null)
    {
        var handOff = new ReadingHandOff(Options.Create(options), time ?? TimeProvider.System);
        await handOff.StartAsync(CancellationToken.None);
        return handOff;
    }

    private static async Task<List<int>> TakeAsync(ReadingHandOff handOff, int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var taken = new List<int>();
        await foreach (var reading in handOff.ReadAllAsync(timeout.Token))
        {
            taken.Add((int)reading.Sequence!.Value);
            if (taken.Count == count)
            {
                break;
            }
        }

        return taken;
    }

    private static ValidatedReading Reading(int second) =>
        new(Some.Tenant, Some.Site, "h2s-1", "toxic_gas", Start.AddSeconds(second), Start, Start.AddSeconds(second), second, "ppm", "good", second);
}
