namespace SafetyLedger.RiskCore.Drift;

/// <summary>Settings of the per-sensor change and drift detector.</summary>
public sealed class DriftOptions
{
    /// <summary>Readings that only learn the sensor's normal before it can alarm.</summary>
    public int WarmupSamples { get; set; } = 120;

    /// <summary>…and at least this long, so the daily cycle is learned before the sensor can alarm.</summary>
    public TimeSpan WarmupDuration { get; set; } = TimeSpan.FromHours(24);

    /// <summary>EWMA weight of the baseline level once warmed up (slow, so drift is not learned away).</summary>
    public double BaselineAlpha { get; set; } = 0.002;

    /// <summary>EWMA weight of each hour-of-day offset (the daily cycle).</summary>
    public double DailyCycleAlpha { get; set; } = 0.05;

    /// <summary>EWMA weight of the residual scale (mean absolute deviation).</summary>
    public double ScaleAlpha { get; set; } = 0.01;

    /// <summary>CUSUM allowance k, in robust standard deviations.</summary>
    public double CusumAllowance { get; set; } = 0.5;

    /// <summary>CUSUM decision limit h, in robust standard deviations.</summary>
    public double CusumLimit { get; set; } = 10;

    /// <summary>A single residual beyond this many robust deviations is a level shift or spike.</summary>
    public double SpikeZ { get; set; } = 6;

    /// <summary>Residuals are clipped to this many deviations before they update the baseline.</summary>
    public double ClipZ { get; set; } = 3;

    /// <summary>Weight of the Holt smoother for level and trend that estimates the rate of change (units per hour).</summary>
    public double SlopeAlpha { get; set; } = 0.02;
}
