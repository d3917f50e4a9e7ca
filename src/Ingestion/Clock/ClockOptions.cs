namespace SafetyLedger.Ingestion.Clock;

/// <summary>Source clock skew estimation and time plausibility (section <c>Ingestion:Clock</c>).</summary>
public sealed class ClockOptions
{
    public const string Section = "Ingestion:Clock";

    /// <summary>Sliding window of (received − source) samples per source.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Most samples kept per source within the window.</summary>
    public int MaxSamples { get; set; } = 120;

    /// <summary>
    /// Offsets within this are network delay, not skew: no correction is applied; a reading whose
    /// corrected time is more than this after its arrival is from the future.
    /// </summary>
    public TimeSpan SkewTolerance { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Samples more than this many scaled MADs above the median are network-delay outliers.</summary>
    public double OutlierMads { get; set; } = 3;

    /// <summary>Least spread tolerated before a sample counts as an outlier (guards a near-zero MAD).</summary>
    public TimeSpan MinOutlierSpread { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>A source time further ahead of arrival than this is rejected outright (no clock drifts that far).</summary>
    public TimeSpan MaxClockLead { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A source time older than this at arrival is rejected as stale.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Readings received later than this after their (corrected) source time are flagged <c>late</c> (the timeliness SLA, 60 s).</summary>
    public TimeSpan LateAfter { get; set; } = TimeSpan.FromSeconds(60);
}
