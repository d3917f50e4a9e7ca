using System.Globalization;
using SafetyLedger.Integration.Tests.Support;

namespace SafetyLedger.Integration.Tests.Serving;

/// <summary><c>ledger serve</c> as a process: a background service that fails stops the host with a non-zero exit and says which.</summary>
public sealed class ServeExitTests
{
    [Fact]
    public async Task A_failed_background_service_ends_serve_with_exit_code_1_naming_it()
    {
        using var data = new TempDirectory();
        var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["LEDGER_Ingestion__Mqtt__Port"] = FreePort.Next().ToString(CultureInfo.InvariantCulture),
            ["LEDGER_Anchoring__Enabled"] = "false",
            ["LEDGER_RiskCore__Model__File"] = Path.Combine(data.Path, "no-such.model"),
        };
        using var process = ChildProcess.StartDotnet("ledger", environment, "serve", "--data", data.Path, "--urls", $"http://127.0.0.1:{FreePort.Next()}");
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = process.StandardOutput.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);

        Assert.Equal(1, process.ExitCode);
        Assert.Contains("background service RiskPipeline failed", await stderr, StringComparison.Ordinal);
        _ = await stdout;
    }
}
