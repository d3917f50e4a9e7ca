namespace SafetyLedger.Ingestion.Clock;

/// <summary>
/// One source's clock offset (received − source time). Network and queueing delay only ever make a
/// message later, so every sample is the skew plus a delay ≥ 0: the estimate is a low quantile of the
/// samples, not their median. The window is cut into <see cref="ClockOptions.MaxSamples"/> slots of
/// received time; a slot keeps only its least offset, so a backlog replayed at once fills one slot, not
/// the window, whatever the message rate. The two lowest slots are ignored (a single reading far ahead
/// does not drag the estimate), and with few slots the median is taken instead. Adding a sample is O(slots) at worst and usually O(1); not
/// thread-safe: <see cref="SourceClocks"/> locks around it.
/// </summary>
public sealed class SkewEstimator
{
    /// <summary>Lowest slots never taken as the estimate, however few slots there are.</summary>
    private const int IgnoredLowest = 2;

    private readonly long slotTicks;
    private readonly int maxSlots;
    private readonly double quantile;
    private readonly Queue<(long Slot, long Offset)> closed = new();
    private readonly List<long> closedSorted = [];
    private long currentSlot;
    private long currentMin;
    private bool any;

    public SkewEstimator(ClockOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        maxSlots = Math.Max(1, options.MaxSamples);
        slotTicks = Math.Max(1, options.Window.Ticks / maxSlots);
        quantile = Math.Clamp(options.Quantile, 0, 1);
    }

    /// <summary>Slots holding samples within the window.</summary>
    public int Count => closed.Count + (any ? 1 : 0);

    /// <summary>Adds a sample and returns the current estimate of received − source time.</summary>
    public TimeSpan Add(DateTimeOffset sourceTime, DateTimeOffset receivedTime)
    {
        var offset = (receivedTime - sourceTime).Ticks;
        var slot = receivedTime.UtcTicks / slotTicks;
        if (!any)
        {
            (currentSlot, currentMin, any) = (slot, offset, true);
        }
        else if (slot > currentSlot)
        {
            closed.Enqueue((currentSlot, currentMin));
            closedSorted.Insert(LowerBound(currentMin), currentMin);
            (currentSlot, currentMin) = (slot, offset);
        }
        else
        {
            // The current slot, or a message stamped a moment earlier by a concurrent receiver.
            currentMin = Math.Min(currentMin, offset);
        }

        while (closed.Count > 0 && closed.Peek().Slot <= currentSlot - maxSlots)
        {
            closedSorted.RemoveAt(LowerBound(closed.Dequeue().Offset));
        }

        return Estimate();
    }

    /// <summary>The current estimate of received − source time (zero without samples).</summary>
    public TimeSpan Estimate()
    {
        if (!any)
        {
            return TimeSpan.Zero;
        }

        // The k-th lowest of the closed slots' minima and the current slot's, without merging them.
        var count = closedSorted.Count + 1;
        var k = Math.Min((count - 1) / 2, Math.Max(IgnoredLowest, (int)(quantile * (count - 1))));
        var current = LowerBound(currentMin);
        var ticks = k < current ? closedSorted[k] : k == current ? currentMin : closedSorted[k - 1];
        return TimeSpan.FromTicks(ticks);
    }

    private int LowerBound(long value)
    {
        int low = 0, high = closedSorted.Count;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (closedSorted[middle] < value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
