using SafetyLedger.Ledger.Verification;

namespace SafetyLedger.Host.Cli;

/// <summary>Progress on standard error, at most about once a second: in place on a terminal, as lines otherwise.</summary>
internal sealed class ConsoleProgress(TextWriter error, TimeProvider time) : IProgress<VerificationProgress>
{
    private readonly bool interactive = !Console.IsErrorRedirected;
    private long lastReport = long.MinValue;

    public void Report(VerificationProgress value)
    {
        var now = time.GetTimestamp();
        var finished = value.Done >= value.Total;
        if (!finished && lastReport != long.MinValue && time.GetElapsedTime(lastReport, now) < TimeSpan.FromSeconds(1))
        {
            return;
        }

        lastReport = now;
        var percent = value.Total == 0 ? 100 : 100.0 * value.Done / value.Total;
        var line = $"verifying: {value.Done:N0} / {value.Total:N0} entries ({percent:F1} %)";
        if (interactive)
        {
            error.Write($"\r{line}");
            if (finished)
            {
                error.WriteLine();
            }
        }
        else
        {
            error.WriteLine(line);
        }
    }
}
