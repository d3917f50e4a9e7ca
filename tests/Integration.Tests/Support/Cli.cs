using SafetyLedger.Host.Cli;

namespace SafetyLedger.Integration.Tests.Support;

/// <summary>Runs the <c>ledger</c> command line in process, capturing its output and exit code.</summary>
public static class Cli
{
    public static async Task<CliResult> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await LedgerCli.RunAsync(args, stdout, stderr, CancellationToken.None);
        return new CliResult(code, stdout.ToString(), stderr.ToString());
    }
}
