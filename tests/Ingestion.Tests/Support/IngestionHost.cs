using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SafetyLedger.Ingestion.Transport;
using SafetyLedger.Ingestion.Registry;
using SafetyLedger.Ledger.Events;
using SafetyLedger.Ledger.Storage;
using SafetyLedger.Ledger.Storage.Sqlite;

namespace SafetyLedger.Ingestion.Tests.Support;

/// <summary>
/// The service as the lead wires it, in process: a real SQLite ledger in a temp folder, AddIngestion,
/// the test MQTT keys (<see cref="TestMqttClients"/>), and (by default) the embedded broker on a free port.
/// </summary>
public sealed class IngestionHost : IAsyncDisposable
{
    private readonly WebApplication app;

    private IngestionHost(WebApplication app, ErrorLog errors, int mqttPort)
    {
        this.app = app;
        Errors = errors;
        MqttPort = mqttPort;
    }

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
        builder.Services.AddSingleton<TestMqttClients>();
        builder.Services.AddSingleton<IMqttClientAuthenticator>(sp => sp.GetRequiredService<TestMqttClients>());
        builder.Services.AddIngestion(builder.Configuration);
        var built = builder.Build();
        await built.StartAsync();
        return new IngestionHost(built, errors, mqttPort);
    }

    /// <summary>Registers a sensor of <see cref="Some.Tenant"/> (a ledger entry), as the gateway's sensor route does.</summary>
    public async Task RegisterAsync(SensorRegistration sensor, string tenant = Some.Tenant)
    {
        var (registered, problems) = await Get<SensorRegistrar>().RegisterAsync(tenant, sensor, "test", CancellationToken.None);
        Assert.True(registered is not null, string.Join("; ", problems));
    }

    /// <summary>Runs an HTTP telemetry body through the pipeline for <see cref="Some.Tenant"/>, as the gateway's telemetry route does.</summary>
    public Task<SafetyLedger.Ingestion.Pipeline.IngestOutcome> IngestHttpAsync(string json) =>
        Get<SafetyLedger.Ingestion.Pipeline.IngestionPipeline>().IngestAsync(
            new SafetyLedger.Ingestion.Pipeline.IngestEnvelope(SafetyLedger.Ingestion.Pipeline.IngestEnvelope.Http, null, DateTimeOffset.UtcNow, System.Text.Encoding.UTF8.GetBytes(json), null, Some.Tenant),
            CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
    }
}
