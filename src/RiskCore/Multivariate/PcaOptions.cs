namespace SafetyLedger.RiskCore.Multivariate;

/// <summary>How many principal components a <see cref="PcaModel"/> keeps.</summary>
public sealed class PcaOptions
{
    /// <summary>Keep the fewest components that explain this share of the standardized variance.</summary>
    public double VarianceToExplain { get; set; } = 0.90;

    /// <summary>Upper bound on kept components.</summary>
    public int MaxComponents { get; set; } = 64;
}
