using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using SafetyLedger.Host.Serving;
using SafetyLedger.Ledger.Anchoring;

namespace SafetyLedger.Host.Cli;

/// <summary><c>ledger serve</c>: the service with embedded defaults (SQLite under ./data, HTTP on 127.0.0.1:5080).</summary>
internal static class ServeCommand
{
    public static Command Create(CliContext context)
    {
        var data = new Option<string?>("--data") { Description = "Data folder (default ./data)." };
        var urls = new Option<string?>("--urls") { Description = "HTTP listen address(es) (default http://127.0.0.1:5080)." };
        var demo = new Option<bool>("--demo") { Description = "Feed demo data: a simulated plant publishing a scenario to the embedded broker (off by default)." };
        var noDemo = new Option<bool>("--no-demo") { Description = "No demo data, whatever the configuration says." };
        var command = new Command("serve", "Run the service.") { data, urls, demo, noDemo };
        command.SetAction(async (result, ct) =>
        {
            var settings = new ServeSettings(result.GetValue(data), result.GetValue(urls), result.GetValue(noDemo) ? false : result.GetValue(demo) ? true : null);
            await using var app = ServiceHost.Build(settings);
            try
            {
                await app.StartAsync(ct);
            }
            catch (Exception) when (FaultedServices(app).Count > 0)
            {
                // A background service failed while the host was starting, which aborted the start.
                return await ReportFaultsAsync(context, app);
            }
            catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException)
            {
                await context.Error.WriteLineAsync($"error: the service could not start: {ex.Message} (is another instance running? change --urls, Ingestion:Mqtt:Port or --data)");
                return ExitCodes.Failed;
            }
            catch (ChainContradictsStoreException ex)
            {
                await context.Error.WriteLineAsync($"error: refusing to serve this data folder: {ex.Message}");
                return ExitCodes.Failed;
            }

            // SIGTERM reaches the host's console lifetime, which stops the application rather than the process.
            using var stopping = CancellationTokenSource.CreateLinkedTokenSource(ct, app.Lifetime.ApplicationStopping);
            try
            {
                await Task.Delay(Timeout.Infinite, stopping.Token);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C, SIGTERM or a stop requested by the host: stop gracefully below.
            }

            await app.StopAsync(CancellationToken.None);
            return FaultedServices(app).Count > 0 ? await ReportFaultsAsync(context, app) : ExitCodes.Ok;
        });
        return command;
    }

    private static async Task<int> ReportFaultsAsync(CliContext context, Microsoft.AspNetCore.Builder.WebApplication app)
    {
        foreach (var (name, error) in FaultedServices(app))
        {
            await context.Error.WriteLineAsync($"error: background service {name} failed: {error}");
        }

        return ExitCodes.Failed;
    }

    /// <summary>Background services that ended in an exception (the host stops when one does; the exit code must say so).</summary>
    private static List<(string Name, string Error)> FaultedServices(Microsoft.AspNetCore.Builder.WebApplication app) =>
        app.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>()
            .OfType<Microsoft.Extensions.Hosting.BackgroundService>()
            .Where(s => s.ExecuteTask is { IsFaulted: true })
            .Select(s => (s.GetType().Name, s.ExecuteTask!.Exception!.GetBaseException().Message))
            .ToList();
}
