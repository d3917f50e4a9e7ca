using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using SafetyLedger.RiskCore.Alerts;
using SafetyLedger.RiskCore.Alerts.Escalation;
using SafetyLedger.RiskCore.Alerts.Projection;
using SafetyLedger.RiskCore.Pipeline;
using SafetyLedger.RiskCore.Response;
using SafetyLedger.RiskCore.Streaming;
using SafetyLedger.RiskCore.Training;

namespace SafetyLedger.RiskCore;

/// <summary>Registers the risk core: engine options, alerts, projection, escalation, response, training and the pipeline.</summary>
public static class RiskCoreServiceCollectionExtensions
{
    public const string EngineSection = "RiskCore:Engine";

    /// <summary>
    /// Needs <c>IEventStore</c> and <c>TimeProvider</c> from the host. <see cref="IReadingSource"/>,
    /// <see cref="ITelemetryDigestLookup"/>, <see cref="IDcsCommandPublisher"/> and
    /// <see cref="IAlertReadStore"/> are added only when none is registered yet, so ingestion (or a
    /// test) can register its own first.
    /// </summary>
    public static IServiceCollection AddRiskCore(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configuration);
        services.Configure<RiskEngineOptions>(configuration.GetSection(EngineSection));
        services.Configure<AlertOptions>(configuration.GetSection(AlertOptions.Section));
        services.Configure<EscalationOptions>(configuration.GetSection(EscalationOptions.Section));
        services.Configure<ResponseOptions>(configuration.GetSection(ResponseOptions.Section));
        services.Configure<MqttDcsOptions>(configuration.GetSection(MqttDcsOptions.Section));
        services.Configure<ReplayOptions>(configuration.GetSection(ReplayOptions.Section));
        services.Configure<RiskModelOptions>(configuration.GetSection(RiskModelOptions.Section));
        services.Configure<TrainingOptions>(configuration.GetSection(TrainingOptions.Section));

        services.TryAddSingleton<IReadingSource, CsvReadingSource>();
        services.TryAddSingleton<ITelemetryDigestLookup, NoTelemetryDigests>();
        services.TryAddSingleton<IDcsCommandPublisher, MqttDcsCommandPublisher>();
        services.TryAddSingleton<IAlertReadStore, InMemoryAlertReadStore>();
        services.AddSingleton<DcsCommandSigner>();
        services.AddSingleton<AlertService>();
        services.AddSingleton<TieredResponder>();
        services.AddSingleton<ModelLoader>();
        services.AddSingleton(sp => new TrainCommand(
            sp.GetRequiredService<Ledger.Events.IEventStore>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<RiskEngineOptions>>().Value,
            sp.GetRequiredService<IOptions<TrainingOptions>>().Value));

        services.AddSingleton<AlertProjection>();
        services.AddSingleton<AlertEscalator>();
        services.AddSingleton<RiskPipeline>();
        services.AddSingleton<DcsRedelivery>();
        services.AddHostedService(sp => sp.GetRequiredService<AlertProjection>());
        services.AddHostedService(sp => sp.GetRequiredService<AlertEscalator>());
        services.AddHostedService(sp => sp.GetRequiredService<RiskPipeline>());
        services.AddHostedService(sp => sp.GetRequiredService<DcsRedelivery>());
        return services;
    }
}
