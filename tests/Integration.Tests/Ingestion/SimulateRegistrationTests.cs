using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SafetyLedger.Host.Serving;
using SafetyLedger.Ingestion.Telemetry;
using SafetyLedger.Integration.Tests.Support;

namespace SafetyLedger.Integration.Tests.Ingestion;

/// <summary><c>ledger simulate --register</c> against the real service: its sensors are registered over REST, then every reading it publishes is accepted.</summary>
public sealed class SimulateRegistrationTests
{
    private const string Tenant = "demo-enterprise";

    [Fact]
    public async Task Simulate_registers_its_sensors_first_so_every_published_reading_is_accepted()
    {
        using var data = new TempDirectory();
        var mqttPort = FreePort.Next();
        var apiKey = await TestAccess.SeedAsync(data.Path, Tenant, "safety-manager");
        var device = await Cli.RunAsync("keys", "create", "--data", data.Path, "--role", "device", "--tenant", Tenant);
        using var deviceKey = System.Text.Json.JsonDocument.Parse(device.Out);
        await using var app = ServiceHost.Build(new ServeSettings(data.Path, "http://127.0.0.1:0", Demo: false, new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Ingestion:Mqtt:Port"] = mqttPort.ToString(CultureInfo.InvariantCulture),
            ["RiskCore:Dcs:Port"] = mqttPort.ToString(CultureInfo.InvariantCulture),
            ["Anchoring:Enabled"] = "false",
        }));
        await app.StartAsync();
        var url = app.Urls.First();
        string[] simulate = ["simulate", "--register", url, "--broker", $"127.0.0.1:{mqttPort}", "--sensors", "3", "--rate", "30", "--duration", "00:00:02",
            "--key-id", deviceKey.RootElement.GetProperty("id").GetString()!, "--key", deviceKey.RootElement.GetProperty("key").GetString()!];

        var first = await Cli.RunAsync([.. simulate, "--api-key", apiKey]);
        var again = await Cli.RunAsync([.. simulate, "--api-key", apiKey]);
        var wrongKey = await Cli.RunAsync([.. simulate, "--api-key", "not-the-key"]);
        var noUrl = await Cli.RunAsync([.. simulate[..1], "--register", "127.0.0.1:5080", "--api-key", apiKey]);

        Assert.True(first.ExitCode == 0, first.ToString());
        Assert.Contains("3 sensors registered, 0 already were", first.Error, StringComparison.Ordinal);
        Assert.True(again.ExitCode == 0, again.ToString());
        Assert.Contains("0 sensors registered, 3 already were", again.Error, StringComparison.Ordinal);
        Assert.Equal(1, wrongKey.ExitCode);
        Assert.Contains("401", wrongKey.Error, StringComparison.Ordinal);
        Assert.Equal(2, noUrl.ExitCode);
        Assert.Contains("URL", noUrl.Error, StringComparison.Ordinal);

        using var http = new HttpClient { BaseAddress = new Uri(url) };
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri($"/api/v1/enterprises/{Tenant}/sensors", UriKind.Relative));
        request.Headers.Add("X-Api-Key", apiKey);
        using var response = await http.SendAsync(request);
        Assert.Equal(3, JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsArray().Count);

        var published = Published(first) + Published(again);
        Assert.True(published > 0, first.ToString());
        var metrics = app.Services.GetRequiredService<IngestionMetrics>();
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (metrics.Accepted + metrics.Duplicates < published)
        {
            await Task.Delay(100, deadline.Token);
        }

        // The second run restarts its sequence numbers, so its readings with a seq the first run used are duplicates.
        Assert.Equal(published, metrics.Accepted + metrics.Duplicates);
        Assert.True(metrics.Accepted >= Published(first), $"{metrics.Accepted} accepted of {Published(first)} + {Published(again)} published");
        Assert.Empty(metrics.DeadLettersByReason);
        await app.StopAsync();
    }

    private static long Published(CliResult result) =>
        long.Parse(result.Out.Trim().Split(' ')[1], CultureInfo.InvariantCulture);
}
