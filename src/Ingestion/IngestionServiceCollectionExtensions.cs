using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SafetyLedger.Ingestion.Clock;
using SafetyLedger.Ingestion.DeadLetters;
using SafetyLedger.Ingestion.Digests;
using SafetyLedger.Ingestion.HandOff;
using SafetyLedger.Ingestion.Normalisation;
using SafetyLedger.Ingestion.Pipeline;
using SafetyLedger.Ingestion.Quality;
using SafetyLedger.Ingestion.Registry;
using SafetyLedger.Ingestion.Telemetry;
using SafetyLedger.Ingestion.Telemetry.Sqlite;
using SafetyLedger.Ingestion.Transport;

namespace SafetyLedger.Ingestion;

/// <summary>Registers ingestion; the host must already register the ledger's <c>IEventStore</c>.</summary>
public static class IngestionServiceCollectionExtensions
{
    private const string LedgerDataDirectoryKey = "Ledger:Storage:DataDirectory";

    /// <summary>
    /// Options from <c>Ingestion:*</c>, the telemetry store (<c>telemetry.db</c> beside the ledger), the sensor
    /// registry (rebuilt from the ledger at start), the pipeline, the MQTT transport (embedded broker or
    /// external consumer), digest sealing, quality roll-ups and the <see cref="IReadingStream"/> hand-off.
    /// </summary>
    public static IServiceCollection AddIngestion(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.TryAddSingleton(TimeProvider.System);
        services.AddMetrics();
        AddOptions(services, configuration);

        services.AddSingleton(sp => SqliteTelemetryDatabase.Open(
            sp.GetRequiredService<IOptions<TelemetryStorageOptions>>().Value,
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<SqliteTelemetryDatabase>>()));
        services.AddSingleton<ITelemetryStore, SqliteTelemetryStore>();
        services.AddSingleton<IDeadLetterStore, SqliteDeadLetterStore>();
        services.AddSingleton<IQualityStore, SqliteQualityStore>();

        services.AddSingleton<SensorRegistry>();
        services.AddSingleton<ISensorRegistry>(sp => sp.GetRequiredService<SensorRegistry>());
        services.AddSingleton<SensorRegistrar>();
        services.AddSingleton<SensorRegistryProjection>();
        services.AddSingleton<UnitConverter>();
        services.AddSingleton<SourceClocks>();
        services.AddSingleton<IngestionMetrics>();
        services.AddSingleton<ReadingHandOff>();
        services.AddSingleton<IReadingStream>(sp => sp.GetRequiredService<ReadingHandOff>());
        services.AddSingleton<IngestionPipeline>();
        services.TryAddSingleton<IMqttClientAuthenticator, NoMqttClients>();
        services.AddSingleton<IDeadLetterPublisher, MqttDeadLetterPublisher>();
        services.AddSingleton<DigestSealer>();
        services.AddSingleton<QualityCalculator>();
        services.AddSingleton<QualityRollupService>();
        services.AddSingleton<TelemetryDigestVerifier>();

        // Hosted services start in this order: the registry is rebuilt before any reading is taken.
        services.AddHostedService(sp => sp.GetRequiredService<SensorRegistryProjection>());
        services.AddHostedService(sp => sp.GetRequiredService<ReadingHandOff>());
        AddTransport(services, configuration.GetSection(MqttTransportOptions.Section).Get<MqttTransportOptions>() ?? new MqttTransportOptions());
        services.AddHostedService(sp => sp.GetRequiredService<DigestSealer>());
        services.AddHostedService(sp => sp.GetRequiredService<QualityRollupService>());
        return services;
    }

    private static void AddOptions(IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<MqttTransportOptions>(configuration.GetSection(MqttTransportOptions.Section));
        services.Configure<ValidationOptions>(configuration.GetSection(ValidationOptions.Section));
        services.Configure<NormalisationOptions>(configuration.GetSection(NormalisationOptions.Section));
        services.Configure<ClockOptions>(configuration.GetSection(ClockOptions.Section));
        services.Configure<HandOffOptions>(configuration.GetSection(HandOffOptions.Section));
        services.Configure<DigestOptions>(configuration.GetSection(DigestOptions.Section));
        services.Configure<QualityOptions>(configuration.GetSection(QualityOptions.Section));
        services.Configure<TelemetryStorageOptions>(configuration.GetSection(TelemetryStorageOptions.Section));
        services.PostConfigure<TelemetryStorageOptions>(o =>
        {
            if (string.IsNullOrEmpty(o.DataDirectory))
            {
                o.DataDirectory = configuration[LedgerDataDirectoryKey] ?? "data";
            }
        });
    }

    private static void AddTransport(IServiceCollection services, MqttTransportOptions mqtt)
    {
        services.AddSingleton<ActiveBroker>();
        if (!mqtt.Enabled)
        {
            return;
        }

        // Started before the transport and stopped after it, so every message a transport took is settled.
        services.AddSingleton<MessageBatcher>();
        services.AddSingleton<DataTopics>();
        services.AddHostedService(sp => sp.GetRequiredService<MessageBatcher>());

        if (mqtt.Mode == BrokerMode.Embedded)
        {
            services.AddSingleton<EmbeddedBroker>();
            services.AddHostedService(sp => sp.GetRequiredService<EmbeddedBroker>());
        }
        else
        {
            services.AddSingleton<ExternalBrokerConsumer>();
            services.AddHostedService(sp => sp.GetRequiredService<ExternalBrokerConsumer>());
        }
    }
}
