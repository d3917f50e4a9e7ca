namespace SafetyLedger.Ingestion.Clock;

/// <summary>
/// One source's clock offset (received − source time) estimated robustly: the median of a sliding
/// window after dropping network-delay outliers (samples far above the median by a MAD test; a delay
/// only ever makes a message later). Not thread-safe: <see cref="SourceClocks"/> locks around it.
/// </summary>
public sealed class SkewEstimator(ClockOptions options)
{
    private const double MadToSigma = 1.4826;

    private readonly Queue<(DateTimeOffset Received, double OffsetSeconds)> samples = new();

    public int Count => samples.Count;

    /// <summary>Adds a sample and returns the current estimate of received − source time.</summary>
    public TimeSpan Add(DateTimeOffset sourceTime, DateTimeOffset receivedTime)
    {
        samples.Enqueue((receivedTime, (receivedTime - sourceTime).TotalSeconds));
        while (samples.Count > options.MaxSamples || (samples.Count > 1 && receivedTime - samples.Peek().Received > options.Window))
        {
            samples.Dequeue();
        }

        return Estimate();
    }

    /// <summary>The current estimate of received − source time (zero without samples).</summary>
    public TimeSpan Estimate()
    {
        if (samples.Count == 0)
        {
            return TimeSpan.Zero;
        }

        var offsets = samples.Select(s => s.OffsetSeconds).ToArray();
        var median = Median(offsets);
        var mad = Median(offsets.Select(o => Math.Abs(o - median)).ToArray());
        var limit = median + Math.Max(options.OutlierMads * MadToSigma * mad, options.MinOutlierSpread.TotalSeconds);
        var kept = offsets.Where(o => o <= limit).ToArray();
        return TimeSpan.FromSeconds(kept.Length == 0 ? median : Median(kept));
    }

    private static double Median(double[] values)
    {
        Array.Sort(values);
        var middle = values.Length / 2;
        return values.Length % 2 == 1 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
    }
}
