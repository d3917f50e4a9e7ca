namespace SafetyLedger.RiskCore.Benchmarks.Tep;

/// <summary>
/// Detection rate per fault (share of alarmed samples in d01–d21), the false-alarm rate on
/// held-out normal data (5-fold contiguous cross-validation on d00), and the mean detection
/// rate without the practically undetectable faults 3, 9 and 15.
/// </summary>
public sealed record TepResult(IReadOnlyDictionary<int, double> DetectionRates, double FalseAlarmRate, string Detector)
{
    public static IReadOnlyList<int> Undetectable { get; } = [3, 9, 15];

    public double MeanDetectionExcludingUndetectable =>
        DetectionRates.Where(pair => !Undetectable.Contains(pair.Key)).Average(pair => pair.Value);

    public double MeanDetection => DetectionRates.Values.Average();
}
