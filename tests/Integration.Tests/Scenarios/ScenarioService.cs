using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SafetyLedger.Host.Serving;
using SafetyLedger.Ingestion.Simulation;
using SafetyLedger.Integration.Tests.Support;
using SafetyLedger.RiskCore.Pipeline;

namespace SafetyLedger.Integration.Tests.Scenarios;

/// <summary>
/// <c>ledger serve</c> in process over a fresh data folder with its demo simulation running <paramref name="scenario"/>:
/// the simulator publishes over MQTT QoS 1 to the embedded broker on a free port, and readings go through ingestion,
/// the risk core and the SQLite ledger. Fast settings: 4 sensors at <see cref="Rate"/> readings/s, the joint model
/// fitted on <see cref="TrainingSamples"/> snapshots, the failure beginning after <see cref="FailureAfter"/> and
/// developing over <see cref="FailureRamp"/>.
/// </summary>
public sealed class ScenarioService(Scenario scenario) : IAsyncDisposable
{
    public const string Tenant = "demo-enterprise";
    public const double Rate = 100;
    public const int Sensors = 4;
    public const int TrainingSamples = 100;

    private readonly TempDirectory data = new();
    private WebApplication? app;

    public static TimeSpan FailureAfter { get; } = TimeSpan.FromSeconds(10);

    public static TimeSpan FailureRamp { get; } = TimeSpan.FromSeconds(8);

    public HttpClient Client { get; private set; } = new();

    public string DataDirectory => data.Path;

    /// <summary>Readings the risk core has processed so far.</summary>
    public long Processed => Services.GetRequiredService<RiskPipeline>().Processed;

    private IServiceProvider Services => app?.Services ?? throw new InvalidOperationException("Not started.");

    public static async Task<ScenarioService> StartAsync(Scenario scenario)
    {
        var service = new ScenarioService(scenario);
        await service.StartAsync();
        return service;
    }

    /// <summary>The alert rows of the tenant's first page (<c>GET /api/v1/enterprises/{tenant}/alerts</c>).</summary>
    public async Task<JsonArray> AlertsAsync() =>
        JsonNode.Parse(await Client.GetStringAsync(new Uri($"/api/v1/enterprises/{Tenant}/alerts", UriKind.Relative)))?["items"]?.AsArray()
        ?? throw new InvalidOperationException("No alert list.");

    /// <summary>One alert with its explanation (<c>GET /api/v1/enterprises/{tenant}/alerts/{id}</c>).</summary>
    public async Task<JsonObject> AlertAsync(string id) =>
        JsonNode.Parse(await Client.GetStringAsync(new Uri($"/api/v1/enterprises/{Tenant}/alerts/{id}", UriKind.Relative)))?.AsObject()
        ?? throw new InvalidOperationException($"No alert {id}.");

    /// <summary>Polls the alert API until an alert satisfies <paramref name="wanted"/>; returns it, or fails with what was seen.</summary>
    public async Task<JsonObject> WaitForAlertAsync(Func<JsonObject, bool> wanted, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        var seen = new List<string>();
        while (true)
        {
            seen.Clear();
            foreach (var row in await AlertsAsync())
            {
                var alert = await AlertAsync((string)row!["alertId"]!);
                if (wanted(alert))
                {
                    return alert;
                }

                seen.Add(alert.ToJsonString());
            }

            try
            {
                await Task.Delay(250, deadline.Token);
            }
            catch (OperationCanceledException exception)
            {
                throw new TimeoutException($"{scenario}: no such alert within {timeout} ({Processed} readings processed); alerts: {string.Join(Environment.NewLine, seen)}", exception);
            }
        }
    }

    /// <summary>Waits until the risk core has processed <paramref name="readings"/> readings.</summary>
    public async Task WaitForProcessedAsync(long readings, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (Processed < readings)
        {
            try
            {
                await Task.Delay(250, deadline.Token);
            }
            catch (OperationCanceledException exception)
            {
                throw new TimeoutException($"{scenario}: only {Processed} of {readings} readings processed within {timeout}.", exception);
            }
        }
    }

    /// <summary>Stops the service (the telemetry and ledger files are then complete and closed).</summary>
    public async Task StopAsync()
    {
        Client.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
            app = null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        data.Dispose();
    }

    private async Task StartAsync()
    {
        var mqttPort = FreePort.Next().ToString(CultureInfo.InvariantCulture);
        var configuration = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Ingestion:Mqtt:Port"] = mqttPort,
            ["RiskCore:Dcs:Port"] = mqttPort,
            ["Demo:Scenario"] = scenario.ToString(),
            ["Demo:Rate"] = Rate.ToString(CultureInfo.InvariantCulture),
            ["Demo:Sensors"] = Sensors.ToString(CultureInfo.InvariantCulture),
            ["Demo:FailureAfter"] = FailureAfter.ToString("c", CultureInfo.InvariantCulture),
            ["Demo:FailureRamp"] = FailureRamp.ToString("c", CultureInfo.InvariantCulture),
            ["RiskCore:Engine:Multivariate:TrainingSamples"] = TrainingSamples.ToString(CultureInfo.InvariantCulture),
        };
        var key = await TestAccess.SeedAsync(data.Path, Tenant, "operator");
        app = ServiceHost.Build(new ServeSettings(data.Path, "http://127.0.0.1:0", Demo: true, configuration));
        await app.StartAsync();
        Client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        Client.DefaultRequestHeaders.Add("X-Api-Key", key);
    }
}
