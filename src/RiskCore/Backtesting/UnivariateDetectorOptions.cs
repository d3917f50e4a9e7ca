namespace SafetyLedger.RiskCore.Backtesting;

/// <summary>Settings of <see cref="UnivariateStreamDetector"/>; one set per benchmark, never per file.</summary>
public sealed class UnivariateDetectorOptions
{
    /// <summary>EWMA weight of the fast level the next value is compared with.</summary>
    public double LevelAlpha { get; set; } = 0.1;

    /// <summary>EWMA weight of the scale (mean absolute deviation) of the prediction error.</summary>
    public double ScaleAlpha { get; set; } = 0.01;

    /// <summary>EWMA weight of the short-term average of the raw surprise.</summary>
    public double ShortAlpha { get; set; } = 0.2;

    /// <summary>EWMA weight of the long-term mean and variance of that average.</summary>
    public double LongAlpha { get; set; } = 0.002;

    /// <summary>Alarm when the short-term surprise is this many long-term deviations above normal.</summary>
    public double Threshold { get; set; } = 4.0;

    /// <summary>Weight of the "outside everything seen so far" signal (0 disables it).</summary>
    public double RangeWeight { get; set; } = 1.0;

    /// <summary>After an alarm no new alarm is raised for this many samples.</summary>
    public int CooldownSamples { get; set; } = 300;
}
