namespace SafetyLedger.Ingestion.HandOff;

/// <summary>The hand-off to the risk core (section <c>Ingestion:HandOff</c>).</summary>
public sealed class HandOffOptions
{
    public const string Section = "Ingestion:HandOff";

    /// <summary>Readings buffered (reordering plus channel) before ingestion waits for the reader.</summary>
    public int Capacity { get; set; } = 10_000;

    /// <summary>How long a reading is held so that out-of-order readings that arrive within it are released in corrected-time order.</summary>
    public TimeSpan ReorderWindow { get; set; } = TimeSpan.FromSeconds(2);
}
