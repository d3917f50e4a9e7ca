using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SafetyLedger.Host.Serving;

namespace SafetyLedger.RegulatorGateway.Tests.Support;

/// <summary>
/// <c>ledger serve</c> in process, built by the real composition root, over a data folder seeded through the CLI
/// (the contract path): enterprises <see cref="Tenant"/> (region 320582) and <see cref="OtherTenant"/> (110105), a key
/// for every enterprise role of each, a regulator of 3205 and one of 11, an auditor of <see cref="Tenant"/>, an admin,
/// and a revoked operator key. No demo, no chain; MQTT on a free port.
/// </summary>
public sealed class GatewayService : IAsyncDisposable
{
    public const string Tenant = "acme";
    public const string OtherTenant = "beta-co";

    private readonly TempFolder data = new();
    private readonly Dictionary<string, TestKey> keys = new(StringComparer.Ordinal);
    private WebApplication? app;

    public int MqttPort { get; } = FreePort.Next();

    public string DataDirectory => data.Path;

    public Uri BaseAddress { get; private set; } = null!;

    public IServiceProvider Services => app?.Services ?? throw new InvalidOperationException("Not started.");

    /// <summary>The key of <paramref name="role"/>: enterprise roles of <see cref="Tenant"/> by name, <c>{role}@beta-co</c> for the other tenant, plus <c>regulator</c>, <c>regulator-beijing</c>, <c>auditor</c>, <c>admin</c>, <c>revoked</c>.</summary>
    public TestKey Key(string role) => keys[role];

    /// <summary>Seeds, runs <paramref name="beforeStart"/> (which may still add to <paramref name="settings"/>), then starts the service.</summary>
    public static async Task<GatewayService> StartAsync(IDictionary<string, string?>? settings = null, Func<GatewayService, Task>? beforeStart = null)
    {
        var service = new GatewayService();
        await service.SeedAsync();
        if (beforeStart is not null)
        {
            await beforeStart(service);
        }

        await service.StartServiceAsync(settings);
        return service;
    }

    public HttpClient Client(string? role)
    {
        var http = new HttpClient { BaseAddress = BaseAddress };
        if (role is not null)
        {
            http.DefaultRequestHeaders.Add("X-Api-Key", Key(role).Key);
        }

        return http;
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public async Task StopAsync()
    {
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

    private async Task StartServiceAsync(IDictionary<string, string?>? settings)
    {
        var port = MqttPort.ToString(CultureInfo.InvariantCulture);
        var configuration = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            ["Ingestion:Mqtt:Port"] = port,
            ["RiskCore:Dcs:Port"] = port,
            ["Anchoring:Enabled"] = "false",
            ["Ledger:Storage:Synchronous"] = "Normal",
            ["Ingestion:Storage:Synchronous"] = "Normal",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>(StringComparer.Ordinal))
        {
            configuration[key] = value;
        }

        app = ServiceHost.Build(new ServeSettings(data.Path, "http://127.0.0.1:0", Demo: false, configuration));
        await app.StartAsync();
        BaseAddress = new Uri(app.Urls.First());
    }

    private async Task SeedAsync()
    {
        await RunAsync("enterprises", "add", "--data", data.Path, "--id", Tenant, "--region", "320582", "--name", "Acme 化工");
        await RunAsync("enterprises", "add", "--data", data.Path, "--id", OtherTenant, "--region", "110105", "--name", "Acme B");
        foreach (var role in new[] { "device", "dcs", "operator", "safety-manager", "approver", "carrier", "receiver" })
        {
            keys[role] = await CreateAsync("--role", role, "--tenant", Tenant);
            keys[role + "@" + OtherTenant] = await CreateAsync("--role", role, "--tenant", OtherTenant);
        }

        keys["regulator"] = await CreateAsync("--role", "regulator", "--jurisdiction", "320500");
        keys["regulator-beijing"] = await CreateAsync("--role", "regulator", "--jurisdiction", "11");
        keys["auditor"] = await CreateAsync("--role", "auditor", "--enterprise", Tenant);
        keys["admin"] = await CreateAsync("--role", "admin", "--name", "test admin");
        keys["revoked"] = await CreateAsync("--role", "operator", "--tenant", Tenant);
        await RunAsync("keys", "revoke", keys["revoked"].Id, "--data", data.Path, "--reason", "test");
    }

    private async Task<TestKey> CreateAsync(params string[] args)
    {
        var run = await RunAsync(["keys", "create", "--data", data.Path, .. args]);
        using var json = JsonDocument.Parse(run.Output);
        return new TestKey(json.RootElement.GetProperty("id").GetString()!, json.RootElement.GetProperty("key").GetString()!);
    }

    private static async Task<CliRun> RunAsync(params string[] args)
    {
        var run = await CliRun.RunAsync(args);
        Assert.True(run.ExitCode == 0, $"ledger {string.Join(' ', args)}: {run}");
        return run;
    }
}
