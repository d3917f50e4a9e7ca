namespace SafetyLedger.RiskCore.Multivariate;

/// <summary>Serialisable form of a fitted <see cref="PcaModel"/>; loadings are row-major, variables × components.</summary>
public sealed record PcaModelState(
    IReadOnlyList<double> Means,
    IReadOnlyList<double> Scales,
    IReadOnlyList<double> Eigenvalues,
    IReadOnlyList<double> Loadings);
