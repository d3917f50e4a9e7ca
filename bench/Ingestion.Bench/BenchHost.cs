using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SafetyLedger.Ingestion.HandOff;
using SafetyLedger.Ingestion.Registry;
using SafetyLedger.Ingestion.Telemetry;
using SafetyLedger.Ingestion.Telemetry.Sqlite;
using SafetyLedger.Ledger.Events;
using SafetyLedger.Ledger.Storage;
using SafetyLedger.Ledger.Storage.Sqlite;

namespace SafetyLedger.Ingestion.Bench;

/// <summary>
/// The service in process as the lead wires it (cf. tests/Ingestion.Tests/Support/IngestionHost.cs): a real
/// SQLite ledger and telemetry store in a temp folder with their default durability (synchronous = FULL),
/// AddIngestion with the default options, and a consumer draining <see cref="IReadingStream"/>.
/// </summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly IHost host;
    private readonly ReadingDrain drain;

    private BenchHost(IHost host, string directory, int mqttPort)
    {
        this.host = host;
        Directory = directory;
        MqttPort = mqttPort;
        Store = host.Services.GetRequiredService<TimedTelemetryStore>();
        drain = host.Services.GetRequiredService<ReadingDrain>();
    }

    public string Directory { get; }

    public int MqttPort { get; }

    public TimedTelemetryStore Store { get; }

    public long Handed => drain.Handed;

    public DateTimeOffset LastHanded => drain.LastHanded;

    public IServiceProvider Services => host.Services;

    /// <summary>Starts the service: <paramref name="external"/> consumes Mosquitto, otherwise the embedded broker listens on a free port.</summary>
    public static async Task<BenchHost> StartAsync(bool external, string brokerHost, int brokerPort, int? maxInFlight = null)
    {
        var directory = Path.Combine(Path.GetTempPath(), "ingbench-" + Guid.NewGuid().ToString("N")[..8]);
        System.IO.Directory.CreateDirectory(directory);
        var mqttPort = external ? brokerPort : FreePort();
        var builder = Host.CreateApplicationBuilder();
        var run = Guid.NewGuid().ToString("N")[..8];
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(StringComparer.Ordinal)
        {
            [$"{LedgerStorageOptions.Section}:DataDirectory"] = directory,
            ["Ingestion:Mqtt:Mode"] = external ? "External" : "Embedded",
            ["Ingestion:Mqtt:Host"] = external ? brokerHost : "127.0.0.1",
            ["Ingestion:Mqtt:Port"] = mqttPort.ToString(CultureInfo.InvariantCulture),
            ["Ingestion:Mqtt:ClientId"] = "bench-service-" + run,
            ["Ingestion:Mqtt:SharedGroup"] = "bench" + run,

            // So a finished run leaves no session behind in Mosquitto that would queue a later run's messages.
            ["Ingestion:Mqtt:SessionExpiry"] = "00:00:05",
            ["Ingestion:Mqtt:ReconnectDelay"] = "00:00:00.200",
        });
        if (maxInFlight is { } inFlight)
        {
            builder.Configuration["Ingestion:Mqtt:MaxInFlight"] = inFlight.ToString(CultureInfo.InvariantCulture);
        }

        builder.Logging.ClearProviders().AddSimpleConsole().SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.Configure<LedgerStorageOptions>(builder.Configuration.GetSection(LedgerStorageOptions.Section));
        builder.Services.AddSingleton(sp => SqliteLedgerStore.Open(
            sp.GetRequiredService<IOptions<LedgerStorageOptions>>().Value,
            TimeProvider.System,
            sp.GetRequiredService<ILogger<SqliteLedgerStore>>()));
        builder.Services.AddSingleton<IEventStore>(sp => sp.GetRequiredService<SqliteLedgerStore>());
        builder.Services.AddIngestion(builder.Configuration);
        builder.Services.AddSingleton(sp => new TimedTelemetryStore(new SqliteTelemetryStore(sp.GetRequiredService<SqliteTelemetryDatabase>())));
        builder.Services.AddSingleton<ITelemetryStore>(sp => sp.GetRequiredService<TimedTelemetryStore>());
        builder.Services.AddSingleton<ReadingDrain>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ReadingDrain>());
        var built = builder.Build();
        await built.StartAsync();
        return new BenchHost(built, directory, mqttPort);
    }

    /// <summary>Registers sensors <c>s-00000</c>… through <see cref="SensorRegistrar"/> (ledger entries), <paramref name="parallel"/> at a time.</summary>
    public async Task RegisterAsync(int sensors, int parallel)
    {
        var registrar = host.Services.GetRequiredService<SensorRegistrar>();
        var next = -1;
        var workers = Enumerable.Range(0, parallel).Select(async _ =>
        {
            await Task.Yield();
            int i;
            while ((i = Interlocked.Increment(ref next)) < sensors)
            {
                var registration = new SensorRegistration
                {
                    Id = Publisher.SensorId(i),
                    Kind = SensorKind.ToxicGas,
                    Unit = "ppm",
                    Gas = "H2S",
                    MolarMass = 34.08,
                    Site = Publisher.Site,
                    Area = "area-" + (i % 20).ToString(CultureInfo.InvariantCulture),
                    ExpectedPeriodSeconds = 1,
                    RangeMin = 0,
                    RangeMax = 1000,
                    Alarms = new AlarmLevels(10, 15),
                };
                var (sensor, problems) = await registrar.RegisterAsync(Publisher.Tenant, registration, "bench", CancellationToken.None);
                // Concurrent registrations lose sensors from the registry (an entry applied out of position order
                // makes SensorRegistry.Apply skip the earlier ones); callers register one at a time.
                if (sensor is null)
                {
                    throw new InvalidOperationException(string.Join("; ", problems));
                }
            }
        }).ToList();
        await Task.WhenAll(workers);
        var registry = host.Services.GetRequiredService<SensorRegistry>();
        var until = DateTimeOffset.UtcNow.AddSeconds(30);
        while (registry.Count < sensors && DateTimeOffset.UtcNow < until)
        {
            await Task.Delay(10);
        }

        if (registry.Count < sensors)
        {
            throw new InvalidOperationException($"only {registry.Count} of {sensors} sensors reached the registry");
        }
    }

    /// <summary>Waits until <paramref name="stored"/> readings are stored and <paramref name="handedOver"/> handed over, or the timeout passes.</summary>
    public async Task<bool> WaitForAsync(long stored, long handedOver, TimeSpan timeout)
    {
        var until = DateTimeOffset.UtcNow + timeout;
        while (Store.Stored < stored || Handed < handedOver)
        {
            if (DateTimeOffset.UtcNow > until)
            {
                return false;
            }

            await Task.Delay(5);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
            // Leave it for the OS to clean.
        }
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
