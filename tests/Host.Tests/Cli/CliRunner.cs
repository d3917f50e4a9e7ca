using SafetyLedger.Host.Cli;

namespace SafetyLedger.Host.Tests.Cli;

internal sealed record CliRun(int ExitCode, string Out, string Error);

/// <summary>Runs the command line in process with input written to temp files.</summary>
internal sealed class CliRunner : IDisposable
{
    private readonly string folder = Directory.CreateTempSubdirectory("ledger-cli-").FullName;

    public string Write(string content)
    {
        var path = Path.Combine(folder, Guid.NewGuid().ToString("N"));
        File.WriteAllText(path, content);
        return path;
    }

    public static async Task<CliRun> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await LedgerCli.RunAsync(args, stdout, stderr, CancellationToken.None);
        return new CliRun(code, stdout.ToString(), stderr.ToString());
    }

    public void Dispose() => Directory.Delete(folder, recursive: true);
}
