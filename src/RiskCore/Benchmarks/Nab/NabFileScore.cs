namespace SafetyLedger.RiskCore.Benchmarks.Nab;

/// <summary>The raw NAB score of one file under one profile, with its counts.</summary>
public sealed record NabFileScore(double Raw, int TruePositives, int FalsePositives, int FalseNegatives);
