using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SafetyLedger.Host.Administration;
using SafetyLedger.Host.Cli;
using SafetyLedger.Host.Serving.Wiring;
using SafetyLedger.Ingestion;
using SafetyLedger.Ledger.Anchoring;
using SafetyLedger.Ledger.Checkpoints;
using SafetyLedger.Ledger.Events;
using SafetyLedger.Ledger.Merkle;
using SafetyLedger.Ledger.Proofs;
using SafetyLedger.Ledger.Storage;
using SafetyLedger.Ledger.Storage.Sqlite;
using SafetyLedger.RegulatorGateway;
using SafetyLedger.RiskCore;
using SafetyLedger.RiskCore.Pipeline;
using SafetyLedger.RiskCore.Response;
using SafetyLedger.Ingestion.Transport;
using Serilog;

namespace SafetyLedger.Host.Serving;

/// <summary>The composition root of <c>ledger serve</c>.</summary>
internal static class ServiceHost
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>The largest request body of any route (routes set smaller limits of their own).</summary>
    public const long MaxRequestBodyBytes = 4 * 1024 * 1024;

    public static WebApplication Build(ServeSettings settings)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.AddConfiguration(HostConfiguration.Build());
        var overrides = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (settings.DataDirectory is not null)
        {
            overrides[$"{LedgerStorageOptions.Section}:DataDirectory"] = settings.DataDirectory;
        }

        if (settings.Demo is { } demo)
        {
            overrides[$"{DemoOptions.Section}:Enabled"] = demo ? "true" : "false";
        }

        foreach (var (key, value) in settings.Configuration ?? new Dictionary<string, string?>(StringComparer.Ordinal))
        {
            overrides[key] = value;
        }

        builder.Configuration.AddInMemoryCollection(overrides);
        builder.WebHost.UseUrls(settings.Urls ?? builder.Configuration["Http:Urls"] ?? DefaultUrls);
        builder.Services.AddSerilog((_, logging) => logging
            .ReadFrom.Configuration(builder.Configuration)
            .MinimumLevel.Information()
            .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
            .MinimumLevel.Override("SafetyLedger.RegulatorGateway.Security.ApiKeyAuthenticationHandler", Serilog.Events.LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}"));
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.AddServerHeader = false;
            k.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
        });
        AddLedger(builder.Services, builder.Configuration);

        var app = builder.Build();
        app.UseGateway();
        return app;
    }

    private static void AddLedger(IServiceCollection services, ConfigurationManager configuration)
    {
        services.AddSingleton(TimeProvider.System);
        services.Configure<LedgerStorageOptions>(configuration.GetSection(LedgerStorageOptions.Section));
        services.Configure<CheckpointOptions>(configuration.GetSection(CheckpointOptions.Section));
        services.Configure<DemoOptions>(configuration.GetSection(DemoOptions.Section));
        services.AddSingleton(sp => SqliteLedgerStore.Open(
            sp.GetRequiredService<IOptions<LedgerStorageOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SqliteLedgerStore>>()));
        services.AddSingleton<IEventStore>(sp => sp.GetRequiredService<SqliteLedgerStore>());
        services.AddSingleton<IMerkleLog>(sp => sp.GetRequiredService<SqliteLedgerStore>());
        services.AddSingleton<ICheckpointStore>(sp => new SqliteCheckpointStore(sp.GetRequiredService<IOptions<LedgerStorageOptions>>().Value));
        services.AddSingleton(sp => LogSigners.Load(
            sp.GetRequiredService<IOptions<CheckpointOptions>>().Value,
            sp.GetRequiredService<IOptions<LedgerStorageOptions>>().Value.DataDirectory));
        services.AddSingleton<CheckpointIssuer>();
        services.AddSingleton<IAnchorStore>(sp => new SqliteAnchorStore(sp.GetRequiredService<IOptions<LedgerStorageOptions>>().Value));
        services.AddSingleton<BundleBuilder>();
        services.AddHostedService<CheckpointService>();
        AddAnchoring(services, configuration);
        services.AddIngestion(configuration);
        services.AddSingleton<IReadingSource, IngestionReadingSource>();
        services.AddSingleton<ITelemetryDigestLookup, TelemetryDigestLookup>();
        var mqtt = configuration.GetSection(MqttTransportOptions.Section).Get<MqttTransportOptions>() ?? new MqttTransportOptions();
        if (mqtt.Enabled && mqtt.Mode == BrokerMode.Embedded)
        {
            services.AddSingleton<IDcsCommandPublisher, EmbeddedDcsCommandPublisher>();
        }

        services.AddRiskCore(configuration);
        services.AddGateway();
        services.AddHostedService<LocalAdministration>();
        if (configuration.GetValue($"{DemoOptions.Section}:Enabled", defaultValue: false))
        {
            services.AddHostedService<DemoSimulation>();
        }
    }

    /// <summary>The anchorer runs when anchoring is enabled and a chain is configured (scripts/run.sh configures a dev chain).</summary>
    private static void AddAnchoring(IServiceCollection services, ConfigurationManager configuration)
    {
        var enabled = configuration.GetValue($"{AnchoringOptions.Section}:Enabled", defaultValue: true);
        if (!enabled || string.IsNullOrWhiteSpace(configuration[$"{ChainOptions.SectionName}:RpcUrl"]))
        {
            return;
        }

        services.AddOptions<AnchoringOptions>().Bind(configuration.GetSection(AnchoringOptions.Section)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AnchoringOptions>, AnchoringOptionsValidator>();
        services.AddOptions<ChainOptions>().Bind(configuration.GetSection(ChainOptions.SectionName)).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ChainOptions>, ChainOptionsValidator>();
        services.AddSingleton<AnchoringMetrics>();
        services.AddSingleton<IAnchorChainConnector, AnchorChainConnector>();
        services.AddHostedService<Anchorer>();
    }
}
