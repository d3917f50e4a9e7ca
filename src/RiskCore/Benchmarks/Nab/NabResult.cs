namespace SafetyLedger.RiskCore.Benchmarks.Nab;

/// <summary>The normalised NAB score of a detector under one profile over the whole corpus.</summary>
public sealed record NabResult(NabProfile Profile, double Score, int Files, int TruePositives, int FalsePositives, int FalseNegatives);
