namespace SafetyLedger.RiskCore.Benchmarks.Skab;

/// <summary>Point-wise confusion counts of the SKAB protocol and the figures derived from them.</summary>
public sealed record SkabCounts(long TruePositives, long FalsePositives, long TrueNegatives, long FalseNegatives)
{
    public static SkabCounts Empty { get; } = new(0, 0, 0, 0);

    /// <summary>F1 = TP / (TP + (FP + FN) / 2).</summary>
    public double F1 => Ratio(TruePositives, TruePositives + ((FalsePositives + FalseNegatives) / 2.0));

    /// <summary>False-alarm rate = FP / (FP + TN).</summary>
    public double FalseAlarmRate => Ratio(FalsePositives, FalsePositives + TrueNegatives);

    /// <summary>Missed-alarm rate = FN / (FN + TP).</summary>
    public double MissedAlarmRate => Ratio(FalseNegatives, FalseNegatives + TruePositives);

    public static SkabCounts Count(IReadOnlyList<bool> predicted, IReadOnlyList<double> labels)
    {
        ArgumentNullException.ThrowIfNull(predicted);
        ArgumentNullException.ThrowIfNull(labels);
        if (predicted.Count != labels.Count)
        {
            throw new ArgumentException("Predictions and labels differ in length.", nameof(predicted));
        }

        long tp = 0, fp = 0, tn = 0, fn = 0;
        for (var i = 0; i < labels.Count; i++)
        {
            var actual = labels[i] >= 0.5;
            (tp, fp, tn, fn) = (predicted[i], actual) switch
            {
                (true, true) => (tp + 1, fp, tn, fn),
                (true, false) => (tp, fp + 1, tn, fn),
                (false, false) => (tp, fp, tn + 1, fn),
                _ => (tp, fp, tn, fn + 1),
            };
        }

        return new SkabCounts(tp, fp, tn, fn);
    }

    public SkabCounts Add(SkabCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new SkabCounts(
            TruePositives + other.TruePositives,
            FalsePositives + other.FalsePositives,
            TrueNegatives + other.TrueNegatives,
            FalseNegatives + other.FalseNegatives);
    }

    private static double Ratio(double numerator, double denominator) => denominator > 0 ? numerator / denominator : 0;
}
