namespace SafetyLedger.RiskCore.Benchmarks.Nab;

/// <summary>
/// NAB scoring as described by the NAB paper and repository: rows in the probation period
/// (min(15 % of rows, 750)) are not scored; the first detection in a window earns
/// TP-weight × sigmoid(position) normalised so the window's first row earns the full weight;
/// a detection outside windows costs FP-weight × the sigmoid of its distance past the previous
/// window (the full weight when no window precedes it); each missed window costs the FN weight.
/// </summary>
public static class NabScorer
{
    public const double ProbationFraction = 0.15;
    public const int MaxProbationRows = 750;

    public static int ProbationLength(int rows) => (int)Math.Min(Math.Floor(ProbationFraction * rows), ProbationFraction * 5000);

    /// <summary>2·sigmoid(−5x) − 1, and −1 well past the window (x ≥ 3), as NAB's sweeper.</summary>
    public static double ScaledSigmoid(double relativePosition) =>
        relativePosition >= 3.0 ? -1.0 : (2.0 / (1.0 + Math.Exp(5.0 * relativePosition))) - 1.0;

    public static NabFileScore Score(IReadOnlyList<bool> detections, IReadOnlyList<NabWindow> windows, NabProfile profile)
    {
        ArgumentNullException.ThrowIfNull(detections);
        ArgumentNullException.ThrowIfNull(windows);
        ArgumentNullException.ThrowIfNull(profile);
        var probation = ProbationLength(detections.Count);
        var maxTruePositive = ScaledSigmoid(-1.0);
        var ordered = windows.OrderBy(w => w.Start).ToArray();
        var detected = new bool[ordered.Length];
        var raw = 0.0;
        var falsePositives = 0;
        var next = 0;
        NabWindow? previous = null;
        for (var i = 0; i < detections.Count; i++)
        {
            while (next < ordered.Length && ordered[next].End < i)
            {
                previous = ordered[next];
                next++;
            }

            var inside = next < ordered.Length && ordered[next].Start <= i;
            if (i < probation || !detections[i])
            {
                continue;
            }

            if (inside)
            {
                if (!detected[next])
                {
                    detected[next] = true;
                    var window = ordered[next];
                    raw += ScaledSigmoid(-(window.End - i + 1) / (double)window.Width) * profile.TruePositiveWeight / maxTruePositive;
                }
            }
            else
            {
                falsePositives++;
                raw += profile.FalsePositiveWeight * (previous is { } past
                    ? ScaledSigmoid(Math.Abs(past.End - i) / (double)Math.Max(past.Width - 1, 1))
                    : -1.0);
            }
        }

        var truePositives = detected.Count(d => d);
        var missed = ordered.Length - truePositives;
        raw -= missed * profile.FalseNegativeWeight;
        return new NabFileScore(raw, truePositives, falsePositives, missed);
    }

    /// <summary>100 × (raw − null) / (perfect − null) over a whole corpus.</summary>
    public static double Normalise(double raw, double nullScore, double perfectScore) =>
        perfectScore - nullScore == 0 ? 0 : 100.0 * (raw - nullScore) / (perfectScore - nullScore);

    /// <summary>The detections of a perfect detector: the first row of each window.</summary>
    public static bool[] PerfectDetections(int rows, IReadOnlyList<NabWindow> windows)
    {
        ArgumentNullException.ThrowIfNull(windows);
        var detections = new bool[rows];
        foreach (var window in windows)
        {
            detections[window.Start] = true;
        }

        return detections;
    }
}
