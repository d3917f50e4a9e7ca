namespace SafetyLedger.RiskCore.Benchmarks.Skab;

/// <summary>Pooled counts over all SKAB fault files, and how many files were scored.</summary>
public sealed record SkabResult(SkabCounts Counts, int Files, string Detector);
