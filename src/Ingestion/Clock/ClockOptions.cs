namespace SafetyLedger.Ingestion.Clock;

/// <summary>Source clock skew estimation and time plausibility (section <c>Ingestion:Clock</c>).</summary>
public sealed class ClockOptions
{
    public const string Section = "Ingestion:Clock";

    /// <summary>Sliding window of (received − source) samples per source, by received time.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Slots the window is cut into; each keeps its least sample (so 10 min / 120 = one per 5 s).</summary>
    public int MaxSamples { get; set; } = 120;

    /// <summary>
    /// The quantile of the slots' least offsets taken as the skew (low: delay only ever adds to the
    /// offset, so the least-delayed samples are the truest; not the minimum, so a few readings ahead of
    /// their clock do not drag the estimate).
    /// </summary>
    public double Quantile { get; set; } = 0.1;

    /// <summary>
    /// Offsets within this are network delay, not skew: no correction is applied; a reading whose source
    /// and corrected times are both more than this after its arrival is from the future.
    /// </summary>
    public TimeSpan SkewTolerance { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A source time further ahead of arrival than this is rejected outright (no clock drifts that far).</summary>
    public TimeSpan MaxClockLead { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>A source time older than this at arrival is rejected as stale.</summary>
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Readings received later than this after their (corrected) source time are flagged <c>late</c> (the timeliness SLA, 60 s).</summary>
    public TimeSpan LateAfter { get; set; } = TimeSpan.FromSeconds(60);
}
