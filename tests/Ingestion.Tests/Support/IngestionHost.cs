using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SafetyLedger.Ingestion.Http;
using SafetyLedger.Ingestion.Registry;
using SafetyLedger.Ledger.Events;
using SafetyLedger.Ledger.Storage;
using SafetyLedger.Ledger.Storage.Sqlite;

namespace SafetyLedger.Ingestion.Tests.Support;

/// <summary>
/// The service as the lead wires it, in process: a real SQLite ledger in a temp folder, AddIngestion,
/// MapIngestionEndpoints on Kestrel at 127.0.0.1:0, and (by default) the embedded broker on a free port.
/// </summary>
public sealed class IngestionHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private IngestionHost(WebApplication app, ErrorLog errors, int mqttPort)
    {
        this.app = app;
        Errors = errors;
        MqttPort = mqttPort;
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Http = new HttpClient { BaseAddress = new Uri(address) };
        Http.DefaultRequestHeaders.Add(HttpIngestionOptions.ApiKeyHeader, Some.ApiKey);
    }

    public HttpClient Http { get; }

    public int MqttPort { get; }

    public ErrorLog Errors { get; }

    public IServiceProvider Services => app.Services;

    public T Get<T>() where T : notnull => app.Services.GetRequiredService<T>();

    public static async Task<IngestionHost> StartAsync(string dataDirectory, IDictionary<string, string?>? settings = null)
    {
        var mqttPort = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var configuration = new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [$"{LedgerStorageOptions.Section}:DataDirectory"] = dataDirectory,
            ["Ingestion:Mqtt:Port"] = mqttPort.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Ingestion:Http:ApiKeys:0:Tenant"] = Some.Tenant,
            ["Ingestion:Http:ApiKeys:0:Sha256"] = ApiKeyAuthenticator.Hash(Some.ApiKey),
            ["Ingestion:Http:ApiKeys:1:Tenant"] = "other-co",
            ["Ingestion:Http:ApiKeys:1:Sha256"] = ApiKeyAuthenticator.Hash("other-key"),
            ["Ingestion:Digests:BatchLength"] = "00:00:01",
            ["Ingestion:Digests:SealDelay"] = "00:00:00",
            ["Ingestion:Digests:SealInterval"] = "01:00:00",
            ["Ingestion:Quality:RollupInterval"] = "01:00:00",
            ["Ingestion:HandOff:ReorderWindow"] = "00:00:00.300",
            ["Ingestion:Storage:Synchronous"] = "Normal",
            [$"{LedgerStorageOptions.Section}:Synchronous"] = "Normal",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>(StringComparer.Ordinal))
        {
            configuration[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(configuration);
        var errors = new ErrorLog();
        builder.Logging.ClearProviders().AddProvider(errors);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<LedgerStorageOptions>(builder.Configuration.GetSection(LedgerStorageOptions.Section));
        builder.Services.AddSingleton(sp => SqliteLedgerStore.Open(
            sp.GetRequiredService<IOptions<LedgerStorageOptions>>().Value,
            TimeProvider.System,
            sp.GetRequiredService<ILogger<SqliteLedgerStore>>()));
        builder.Services.AddSingleton<IEventStore>(sp => sp.GetRequiredService<SqliteLedgerStore>());
        builder.Services.AddProblemDetails();
        builder.Services.AddIngestion(builder.Configuration);
        var built = builder.Build();
        built.MapIngestionEndpoints();
        await built.StartAsync();
        return new IngestionHost(built, errors, mqttPort);
    }

    public async Task RegisterAsync(SensorRegistration sensor)
    {
        using var content = new StringContent(Some.Json(sensor), System.Text.Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync(new Uri($"/api/tenants/{Some.Tenant}/sensors", UriKind.Relative), content);
        Assert.Equal(System.Net.HttpStatusCode.Created, response.StatusCode);
    }

    public async Task<HttpResponseMessage> PostTelemetryAsync(string json)
    {
        using var content = new StringContent(json, System.Text.Encoding.UTF8, "application/json");
        return await Http.PostAsync(new Uri("/api/telemetry", UriKind.Relative), content);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
