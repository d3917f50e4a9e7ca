namespace SafetyLedger.RiskCore.Multivariate;

/// <summary>How a <see cref="PcaModel"/> scales its variables and how many principal components it keeps.</summary>
public sealed class PcaOptions
{
    /// <summary>Keep the fewest components that explain this share of the standardized variance.</summary>
    public double VarianceToExplain { get; set; } = 0.90;

    /// <summary>Upper bound on kept components.</summary>
    public int MaxComponents { get; set; } = 64;

    /// <summary>
    /// Each variable's scale is at least this share of its mean magnitude (0: the plain standard deviation).
    /// A sensor that barely moved while the model was fitted then cannot turn a slow drift of a fraction
    /// of a percent of its level into an alarm.
    /// </summary>
    public double RelativeScaleFloor { get; set; }
}
