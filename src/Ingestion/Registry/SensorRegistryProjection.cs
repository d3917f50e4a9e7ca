using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SafetyLedger.Ledger.Events;

namespace SafetyLedger.Ingestion.Registry;

/// <summary>
/// Rebuilds the sensor registry from the ledger when the service starts (start completes only once
/// it has caught up), then follows new entries so registrations made elsewhere show up too.
/// </summary>
public sealed partial class SensorRegistryProjection(IEventStore events, SensorRegistry registry, ILogger<SensorRegistryProjection> logger)
    : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await CatchUpAsync(cancellationToken);
        LogRebuilt(registry.Count, registry.LastPosition);
        await base.StartAsync(cancellationToken);
    }

    /// <summary>
    /// Applies every registration after the registry's last position that is already in the ledger — a
    /// category read of the sensor streams, so start-up does not decode the telemetry digests — and
    /// moves the registry's position to the head.
    /// </summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        var head = events.Count;
        await foreach (var entry in events.ReadCategoryAsync(SensorStreams.StreamPrefix, registry.LastPosition + 1, head, cancellationToken))
        {
            registry.Apply(entry);
        }

        registry.AdvanceTo(head);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var entry in events.SubscribeAsync(registry.LastPosition + 1, stoppingToken))
            {
                registry.Apply(entry);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sensor registry rebuilt from the ledger: {Count} sensors up to position {Position}")]
    private partial void LogRebuilt(int count, long position);
}
