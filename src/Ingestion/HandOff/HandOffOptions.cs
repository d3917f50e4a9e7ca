namespace SafetyLedger.Ingestion.HandOff;

/// <summary>The hand-off to the risk core (section <c>Ingestion:HandOff</c>).</summary>
public sealed class HandOffOptions
{
    public const string Section = "Ingestion:HandOff";

    /// <summary>
    /// Released readings the risk core has not read yet. When the channel is full, released readings stay held, and
    /// once <see cref="MaxHeld"/> are held ingestion waits: a slow risk core slows the acknowledgements to senders.
    /// </summary>
    public int Capacity { get; set; } = 50_000;

    /// <summary>
    /// Readings held for reordering at most (back-pressure beyond). Every reading is held for the whole reorder
    /// window, so this caps the sustained rate at MaxHeld / ReorderWindow: 100,000 readings/s by default. It is not
    /// memory set aside: the buffer grows with the rate (144 bytes per held reading, up to twice that while its array grows).
    /// </summary>
    public int MaxHeld { get; set; } = 200_000;

    /// <summary>How long a reading is held so that out-of-order readings that arrive within it are released in corrected-time order.</summary>
    public TimeSpan ReorderWindow { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Readings whose hold is over are released together at most this often, so a reading is held between the
    /// reorder window and the window plus this. One wake-up per batch: released per message, the loop woke (and
    /// armed a timer) about once a millisecond under load and cost more CPU than any other step of ingestion.
    /// </summary>
    public TimeSpan ReleaseInterval { get; set; } = TimeSpan.FromMilliseconds(20);
}
