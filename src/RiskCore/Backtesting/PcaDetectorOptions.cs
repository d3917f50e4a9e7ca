using SafetyLedger.RiskCore.Multivariate;

namespace SafetyLedger.RiskCore.Backtesting;

/// <summary>Settings of <see cref="PcaSequenceDetector"/>; one set per benchmark, never per file.</summary>
public sealed class PcaDetectorOptions
{
    /// <summary>The detector's name in reports and findings.</summary>
    public string Name { get; set; } = "pca";

    /// <summary>Past samples appended to each sample (dynamic PCA); 0 for static PCA.</summary>
    public int Lags { get; set; }

    /// <summary>Append first differences x(t) − x(t−1) to the features.</summary>
    public bool Differences { get; set; }

    public PcaOptions Pca { get; set; } = new();

    /// <summary>Quantile of the normal T² and Q used to scale each statistic before they are added.</summary>
    public double StatisticQuantile { get; set; } = 0.99;

    /// <summary>Weight of the new raw score in the EWMA-smoothed score (1 = no smoothing).</summary>
    public double SmoothingAlpha { get; set; } = 1.0;

    /// <summary>The alarm threshold is this quantile of the smoothed score on the training data…</summary>
    public double ThresholdQuantile { get; set; } = 0.99;

    /// <summary>…times this factor.</summary>
    public double ThresholdFactor { get; set; } = 1.0;

    /// <summary>Raise the alarm only after this many samples in a row above the threshold.</summary>
    public int ConsecutiveToAlarm { get; set; } = 1;

    /// <summary>Keep the alarm this many samples after the score falls back.</summary>
    public int HoldSamples { get; set; }
}
