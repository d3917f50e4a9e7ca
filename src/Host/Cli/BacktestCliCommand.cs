using System.CommandLine;
using SafetyLedger.RiskCore.Backtesting;

namespace SafetyLedger.Host.Cli;

/// <summary>
/// <c>ledger backtest --train FILE --test FILE [--detector D]</c> prints <c>row,score,alarm</c> per test row;
/// <c>ledger backtest --benchmark nab|skab|tep --data DIR [--profile P]</c> scores a public benchmark.
/// </summary>
internal static class BacktestCliCommand
{
    public static Command Create(CliContext context)
    {
        var train = new Option<string?>("--train") { Description = "Normal-operation data to fit on." };
        var test = new Option<string?>("--test") { Description = "Data to score as a stream, one output line per row." };
        var detector = new Option<string?>("--detector") { Description = "auto (default), pca, dpca, dpca-ewma, univariate." };
        var benchmark = new Option<string?>("--benchmark") { Description = "Run a whole public benchmark: nab, skab or tep." };
        var data = new Option<string?>("--data") { Description = "Benchmark data folder (e.g. ../shared/data)." };
        var profile = new Option<string?>("--profile") { Description = "NAB profile: standard, reward_low_FP, reward_low_FN." };
        var command = new Command("backtest", "Run the risk detectors over historical data.") { train, test, detector, benchmark, data, profile };
        command.SetAction((result, ct) => new BacktestCommand().RunAsync(
            new BacktestRequest(
                result.GetValue(train),
                result.GetValue(test),
                result.GetValue(detector),
                result.GetValue(benchmark),
                result.GetValue(data),
                result.GetValue(profile)),
            context.Out,
            context.Error,
            ct));
        return command;
    }
}
