namespace SafetyLedger.RiskCore.Multivariate;

/// <summary>Settings of the per-area joint model (PCA with T² and Q).</summary>
public sealed class MultivariateOptions
{
    /// <summary>Complete snapshots (every sensor of the area updated) collected before the model is fitted.</summary>
    public int TrainingSamples { get; set; } = 300;

    /// <summary>Areas with fewer sensors than this get no joint model.</summary>
    public int MinimumSensors { get; set; } = 2;

    public PcaOptions Pca { get; set; } = new() { VarianceToExplain = 0.9 };

    /// <summary>T² and Q limits are this quantile of the training scores times <see cref="LimitFactor"/>.</summary>
    public double LimitQuantile { get; set; } = 0.99;

    public double LimitFactor { get; set; } = 1.5;

    /// <summary>Snapshots in a row over the limit before the area alarms.</summary>
    public int ConsecutiveToAlarm { get; set; } = 2;

    /// <summary>Sensors listed in an explanation.</summary>
    public int MaxContributors { get; set; } = 5;
}
