namespace SafetyLedger.RiskCore.Backtesting;

/// <summary>Settings of <see cref="UnivariateStreamDetector"/>; one set per benchmark, never per file.</summary>
public sealed class UnivariateDetectorOptions
{
    /// <summary>Length of the lagged window compared with earlier windows.</summary>
    public int WindowLength { get; set; } = 30;

    /// <summary>How many nearest earlier windows the non-conformity averages over.</summary>
    public int Neighbours { get; set; } = 2;

    /// <summary>How far back (rows) the earlier windows may end.</summary>
    public int NeighbourMemory { get; set; } = 600;

    /// <summary>Non-conformity scores needed before they are ranked (rank 0 before).</summary>
    public int RankWarmUp { get; set; } = 100;

    /// <summary>How many past scores each rank is taken against (the most recent ones).</summary>
    public int RankCapacity { get; set; } = 5_000;

    /// <summary>How many recent values the level-shift evidence averages.</summary>
    public int LevelWindow { get; set; } = 20;

    /// <summary>How many values before those form the level-shift baseline.</summary>
    public int LevelBaseline { get; set; } = 200;

    /// <summary>Share of the range seen so far added to the baseline's standard deviation.</summary>
    public double LevelNoiseFloor { get; set; } = 0.05;

    /// <summary>Weight of the level-shift rank: below 1, a shift alarms only when it beats the largest recent one.</summary>
    public double LevelWeight { get; set; } = 0.95;

    /// <summary>A value must leave the range seen so far by more than this share of it to count as new.</summary>
    public double RangeMargin { get; set; } = 0.02;

    /// <summary>Alarm when the largest evidence reaches this (ranks are in [0, 1), new extremes ≥ 1).</summary>
    public double Threshold { get; set; } = 0.987;

    /// <summary>After an alarm no new alarm for at least this many rows…</summary>
    public int MinimumRestRows { get; set; } = 20;

    /// <summary>…or this share of the rows seen so far, whichever is longer.</summary>
    public double RestShareOfRowsSeen { get; set; } = 0.03;
}
