namespace SafetyLedger.Ingestion.Quality;

/// <summary>Data-quality roll-ups (section <c>Ingestion:Quality</c>); definitions in docs/domain.md §5.</summary>
public sealed class QualityOptions
{
    public const string Section = "Ingestion:Quality";

    /// <summary>A reading is timely when received within this of its (corrected) source time.</summary>
    public TimeSpan TimelinessSla { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>The regulators' online-rate target (99.5 %), reported beside the rate.</summary>
    public double OnlineRateTarget { get; set; } = 0.995;

    /// <summary>How often the current and previous hour and day are recomputed.</summary>
    public TimeSpan RollupInterval { get; set; } = TimeSpan.FromMinutes(1);
}
