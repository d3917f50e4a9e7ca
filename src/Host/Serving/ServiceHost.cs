using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
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
using SafetyLedger.RegulatorGateway.Log;
using SafetyLedger.RiskCore;
using SafetyLedger.RiskCore.Pipeline;
using SafetyLedger.RiskCore.Alerts.Http;
using Serilog;

namespace SafetyLedger.Host.Serving;

/// <summary>The composition root of <c>ledger serve</c>.</summary>
internal static class ServiceHost
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static WebApplication Build(ServeSettings settings)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = Directory.GetCurrentDirectory() });
        builder.Configuration.AddConfiguration(HostConfiguration.Build());
        var overrides = new Dictionary<string, string?>(StringComparer.Ordinal);
        if (settings.DataDirectory is not null)
        {
            overrides[$"{LedgerStorageOptions.Section}:DataDirectory"] = settings.DataDirectory;
        }

        if (!settings.Demo)
        {
            overrides[$"{DemoOptions.Section}:Enabled"] = "false";
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
            .Enrich.FromLogContext()
            .WriteTo.Console(outputTemplate: "[{Timestamp:HH:mm:ss} {Level:u3}] {SourceContext}: {Message:lj}{NewLine}{Exception}"));
        builder.Services.AddProblemDetails();
        AddLedger(builder.Services, builder.Configuration);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapGet("/healthz", (IEventStore events) => Results.Ok(new { status = "ok", entries = events.Count }));
        app.MapLogEndpoints();
        app.MapAlertEndpoints();
        app.MapIngestionEndpoints();
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
        services.AddRiskCore(configuration);
        if (configuration.GetValue($"{DemoOptions.Section}:Enabled", defaultValue: true))
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
