namespace SafetyLedger.RiskCore.Drift;

/// <summary>Serialisable per-sensor state of the drift detector (bounded: 24 hourly offsets and a few numbers).</summary>
public sealed class DriftState
{
    public long Count { get; set; }

    public double Level { get; set; }

    /// <summary>Per-hour means during warm-up, then offsets from <see cref="Level"/> (the daily cycle).</summary>
    public IList<double> HourOffsets { get; init; } = new double[24];

    public IList<double> HourWeights { get; init; } = new double[24];

    public bool Baselined { get; set; }

    public double Scale { get; set; }

    public double CusumHigh { get; set; }

    public double CusumLow { get; set; }

    public double Slope { get; set; }

    public double Smoothed { get; set; }

    public double LastValue { get; set; }

    public DateTimeOffset LastTime { get; set; }

    public DateTimeOffset FirstTime { get; set; }
}
