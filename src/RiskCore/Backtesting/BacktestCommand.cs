using SafetyLedger.RiskCore.Benchmarks;
using SafetyLedger.RiskCore.Benchmarks.Nab;

namespace SafetyLedger.RiskCore.Backtesting;

/// <summary>
/// The engine behind <c>ledger backtest</c>. Exit codes: 0 ok, 1 rejected input (unreadable or
/// non-numeric file; message on stderr), 2 usage error.
/// </summary>
public sealed class BacktestCommand
{
    public const int Ok = 0;
    public const int Rejected = 1;
    public const int Usage = 2;

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1822:Mark members as static", Justification = "Instance API the host's CLI verb calls.")]
    public async Task<int> RunAsync(BacktestRequest request, TextWriter stdout, TextWriter stderr, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        var problem = UsageProblem(request);
        if (problem is not null)
        {
            await stderr.WriteLineAsync($"backtest: {problem}".AsMemory(), ct);
            await stderr.WriteLineAsync(UsageText.AsMemory(), ct);
            return Usage;
        }

        try
        {
            return request.Benchmark is null
                ? await TrainTestBacktest.RunAsync(request, stdout, stderr, ct)
                : await BenchmarkRunner.RunAsync(request, stdout, ct);
        }
        catch (TableFormatException exception)
        {
            await stderr.WriteLineAsync($"backtest: rejected input: {exception.Message}".AsMemory(), ct);
            return Rejected;
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            await stderr.WriteLineAsync($"backtest: rejected input: {exception.Message}".AsMemory(), ct);
            return Rejected;
        }
    }

    private const string UsageText =
        "usage: ledger backtest --train NORMAL_FILE --test FILE [--detector auto|pca|dpca|dpca-ewma|univariate]\n" +
        "       ledger backtest --benchmark nab|skab|tep --data DIR [--detector NAME] [--profile standard|reward_low_FP|reward_low_FN (nab)]";

    private static string? UsageProblem(BacktestRequest request)
    {
        if (request.Detector is not null && !DetectorCatalog.IsKnown(request.Detector))
        {
            return $"unknown detector '{request.Detector}'.";
        }

        if (request.Profile is not null && NabProfile.Find(request.Profile) is null)
        {
            return $"unknown profile '{request.Profile}'.";
        }

        if (request.Profile is not null && !string.Equals(request.Benchmark, "nab", StringComparison.OrdinalIgnoreCase))
        {
            return "--profile selects a NAB scoring profile; it goes with --benchmark nab only.";
        }

        if (request.Benchmark is not null)
        {
            if (request.TrainFile is not null || request.TestFile is not null)
            {
                return "--benchmark cannot be combined with --train/--test.";
            }

            if (!BenchmarkRunner.IsKnown(request.Benchmark))
            {
                return $"unknown benchmark '{request.Benchmark}' (nab, skab or tep).";
            }

            return request.DataDir is null ? "--benchmark needs --data DIR." : null;
        }

        return request.TrainFile is null || request.TestFile is null ? "give --train and --test, or --benchmark with --data." : null;
    }
}
