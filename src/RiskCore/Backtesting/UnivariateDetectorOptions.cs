namespace SafetyLedger.RiskCore.Backtesting;

/// <summary>Settings of <see cref="UnivariateStreamDetector"/>; one set per benchmark, never per file.</summary>
public sealed class UnivariateDetectorOptions
{
    /// <summary>Length of the lagged window compared with earlier windows.</summary>
    public int WindowLength { get; set; } = 20;

    /// <summary>How many nearest earlier windows the non-conformity averages over.</summary>
    public int Neighbours { get; set; } = 2;

    /// <summary>How far back (rows) the earlier windows may end.</summary>
    public int NeighbourMemory { get; set; } = 600;

    /// <summary>Non-conformity scores needed before they are ranked (rank 0 before).</summary>
    public int RankWarmUp { get; set; } = 100;

    /// <summary>How many past non-conformity scores the rank is taken against.</summary>
    public int RankCapacity { get; set; } = 25_000;

    /// <summary>A value must leave the range seen so far by more than this share of it to count as new.</summary>
    public double RangeMargin { get; set; } = 0.02;

    /// <summary>Alarm when max(rank, range novelty) reaches this (ranks are in [0, 1), new extremes ≥ 1).</summary>
    public double Threshold { get; set; } = 0.955;

    /// <summary>After an alarm no new alarm for at least this many rows…</summary>
    public int MinimumRestRows { get; set; } = 50;

    /// <summary>…or this share of the rows seen so far, whichever is longer.</summary>
    public double RestShareOfRowsSeen { get; set; } = 0.03;
}
