namespace SafetyLedger.RiskCore.Benchmarks;

/// <summary>The published figures quoted in the benchmark data README, printed beside ours.</summary>
internal static class PublishedBaselines
{
    /// <summary>SKAB outlier detection: name, F1, FAR %, MAR %.</summary>
    public static IReadOnlyList<(string Name, double F1, double Far, double Mar)> Skab { get; } =
    [
        ("Conv-AE", 0.78, 13.55, 28.02),
        ("MSET", 0.78, 39.73, 14.13),
        ("PCA T2+Q", 0.76, 26.62, 24.92),
        ("LSTM-AE", 0.74, 29.96, 25.92),
        ("T2", 0.66, 19.21, 42.6),
        ("LSTM-VAE", 0.56, 9.13, 55.03),
        ("Isolation Forest", 0.29, 2.56, 82.89),
    ];

    /// <summary>NAB whole corpus: name, standard, reward low FP, reward low FN.</summary>
    public static IReadOnlyList<(string Name, double Standard, double LowFp, double LowFn)> Nab { get; } =
    [
        ("ARTime", 74.9, 65.1, 80.4),
        ("Numenta HTM", 70.5, 62.6, 75.2),
        ("CAD OSE", 69.9, 67.0, 73.2),
        ("Skyline", 58.2, 46.2, 63.9),
        ("KNN CAD", 58.0, 43.4, 64.8),
        ("Relative Entropy", 54.6, 47.6, 58.8),
        ("Random Cut Forest", 51.7, 38.4, 59.7),
        ("Twitter ADVec", 47.1, 33.6, 53.5),
        ("Windowed Gaussian", 39.6, 20.9, 47.4),
        ("random", 11.0, 1.2, 19.5),
        ("null", 0, 0, 0),
    ];

    /// <summary>TEP: the target of the issue and the literature's PCA figure (mean detection without faults 3, 9, 15).</summary>
    public const string Tep = "PCA T2/Q (Russell, Chiang & Braatz 2000; Chiang et al. 2001): about 81 % mean detection without faults 3, 9, 15";
}
