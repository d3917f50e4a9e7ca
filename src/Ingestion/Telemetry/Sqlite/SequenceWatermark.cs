namespace SafetyLedger.Ingestion.Telemetry.Sqlite;

/// <summary>
/// What the writer knows of one sensor's sequence numbers, so that most readings need no duplicate look-up: every
/// stored reading with a corrected time at or after <see cref="Covered"/> carries a number at most <see cref="Highest"/>,
/// and of the numbers from <see cref="TrackedFrom"/> on, the 64 up to <see cref="Highest"/> are marked in
/// <see cref="Recent"/> when this writer stored them (bit k: number Highest − k). Read from the store when a sensor is
/// first seen (<see cref="Read"/>); kept up to date by <see cref="Stored"/>.
/// </summary>
internal readonly record struct SequenceWatermark(long Highest, long HighestAt, long Covered, long TrackedFrom, ulong Recent)
{
    private const int Width = 64;

    /// <summary>A sensor with no reading at or after <paramref name="covered"/> carrying a number.</summary>
    public static SequenceWatermark Empty(long covered) => new(-1, long.MinValue, covered, 0, 0);

    /// <summary>From the store: the highest number at or after <paramref name="covered"/>, read at <paramref name="highestAt"/>.</summary>
    public static SequenceWatermark Read(long highest, long highestAt, long covered) => new(highest, highestAt, covered, highest + 1, 0);

    /// <summary>
    /// Whether a stored reading may carry <paramref name="seq"/> within the window starting at <paramref name="windowStart"/>
    /// (so the store must be asked): false when the number is above every stored one, or is one of the recent numbers
    /// this writer has not stored.
    /// </summary>
    public bool MayHold(long seq, long windowStart)
    {
        if (windowStart < Covered)
        {
            return true;
        }

        if (seq > Highest)
        {
            return false;
        }

        var k = Highest - seq;
        return seq < TrackedFrom || k >= Width || (Recent & (1UL << (int)k)) != 0;
    }

    /// <summary>Whether the highest number is older than the window (a device that restarted its numbering): read it again from the window on.</summary>
    public bool IsStale(long seq, long windowStart) => seq <= Highest && HighestAt < windowStart && windowStart >= Covered;

    /// <summary>After a reading carrying <paramref name="seq"/> at <paramref name="correctedTicks"/> was stored.</summary>
    public SequenceWatermark Stored(long seq, long correctedTicks)
    {
        if (seq > Highest)
        {
            var shift = seq - Highest;
            return this with { Highest = seq, HighestAt = correctedTicks, Recent = (shift >= Width ? 0 : Recent << (int)shift) | 1 };
        }

        var k = Highest - seq;
        return k < Width ? this with { Recent = Recent | (1UL << (int)k) } : this;
    }
}
