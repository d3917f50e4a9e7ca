using SafetyLedger.RiskCore.Benchmarks.Nab;

namespace SafetyLedger.RiskCore.Backtesting;

/// <summary>
/// The named detector configurations. Each name is one fixed configuration (one threshold) used for
/// a whole benchmark: <c>pca</c> static PCA T²+Q; <c>dpca</c> dynamic PCA with 2 lags, an EWMA (0.05) and a
/// 3-sample rule (TEP); <c>dpca-ewma</c> dynamic PCA with 12 lags, scales floored at 1 % of each variable's level and an
/// EWMA-smoothed score (SKAB);
/// <c>univariate</c> the online single-stream detector (NAB; one threshold serves all three NAB profiles).
/// </summary>
public static class DetectorCatalog
{
    public const string Auto = "auto";
    public const string Pca = "pca";
    public const string DynamicPca = "dpca";
    public const string SmoothedDynamicPca = "dpca-ewma";
    public const string Univariate = "univariate";

    public static IReadOnlyList<string> Names { get; } = [Auto, Pca, DynamicPca, SmoothedDynamicPca, Univariate];

    public static bool IsKnown(string name) => Names.Contains(name, StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a detector; <c>auto</c> picks <c>univariate</c> for one column and <c>dpca-ewma</c> otherwise.</summary>
    public static ISequenceDetector Create(string name, int columns)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
        {
            Auto => Create(columns == 1 ? Univariate : SmoothedDynamicPca, columns),
            Pca => new PcaSequenceDetector(new PcaDetectorOptions()),
            DynamicPca => new PcaSequenceDetector(DynamicPcaOptions()),
            SmoothedDynamicPca => new PcaSequenceDetector(SmoothedDynamicPcaOptions()),
            Univariate => new UnivariateStreamDetector(new UnivariateDetectorOptions()),
            _ => throw new ArgumentException($"Unknown detector '{name}'.", nameof(name)),
        };
    }

    public static PcaDetectorOptions DynamicPcaOptions() => new()
    {
        Name = DynamicPca,
        Lags = 2,
        Pca = new() { VarianceToExplain = 0.75 },
        SmoothingAlpha = 0.05,
        ThresholdQuantile = 0.99,
        ThresholdFactor = 1.2,
        ConsecutiveToAlarm = 3,
    };

    public static PcaDetectorOptions SmoothedDynamicPcaOptions() => new()
    {
        Name = SmoothedDynamicPca,
        Lags = 12,
        Pca = new() { RelativeScaleFloor = 0.01 },
        SmoothingAlpha = 0.2,
        ThresholdQuantile = 1.0,
        ThresholdFactor = 2.2,
    };
}
