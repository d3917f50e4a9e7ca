namespace SafetyLedger.Ingestion.HandOff;

/// <summary>The hand-off to the risk core (section <c>Ingestion:HandOff</c>).</summary>
public sealed class HandOffOptions
{
    public const string Section = "Ingestion:HandOff";

    /// <summary>
    /// Readings buffered (reordering plus channel) before ingestion waits for the reader. Every reading is
    /// held for the reorder window, so this also caps the sustained rate at Capacity / ReorderWindow
    /// (25,000 readings/s by default).
    /// </summary>
    public int Capacity { get; set; } = 50_000;

    /// <summary>How long a reading is held so that out-of-order readings that arrive within it are released in corrected-time order.</summary>
    public TimeSpan ReorderWindow { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>
    /// Readings whose hold is over are released together at most this often, so a reading is held between the
    /// reorder window and the window plus this. One wake-up per batch: released per message, the loop woke (and
    /// armed a timer) about once a millisecond under load and cost more CPU than any other step of ingestion.
    /// </summary>
    public TimeSpan ReleaseInterval { get; set; } = TimeSpan.FromMilliseconds(20);
}
