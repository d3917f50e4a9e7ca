namespace SafetyLedger.RiskCore.Backtesting;

/// <summary>
/// Arguments of <c>ledger backtest</c>: either <c>--train</c> and <c>--test</c> (with an optional
/// <c>--detector</c> and <c>--profile</c>), or <c>--benchmark nab|skab|tep --data DIR</c>.
/// </summary>
public sealed record BacktestRequest(string? TrainFile, string? TestFile, string? Detector, string? Benchmark, string? DataDir, string? Profile);
