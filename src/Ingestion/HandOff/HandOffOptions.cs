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
}
