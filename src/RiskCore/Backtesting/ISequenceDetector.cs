namespace SafetyLedger.RiskCore.Backtesting;

/// <summary>
/// A detector for a stream of samples: fitted on normal operation, then fed one sample at a time;
/// each result depends only on the samples before it.
/// </summary>
public interface ISequenceDetector
{
    string Name { get; }

    void Fit(IReadOnlyList<double[]> normal);

    DetectionPoint Score(ReadOnlySpan<double> sample);
}
