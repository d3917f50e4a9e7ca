using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SafetyLedger.Ledger.Events;

namespace SafetyLedger.RegulatorGateway.Access;

/// <summary>
/// Rebuilds keys and enterprises from the ledger when the service starts (start completes only once caught up,
/// so no request is judged against a partial directory), then follows new entries: a key revoked through the
/// ledger stops working as soon as its entry is committed.
/// </summary>
public sealed partial class AccessProjection(IEventStore events, AccessDirectory directory, ILogger<AccessProjection> logger) : BackgroundService
{
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        var head = await directory.CatchUpAsync(events, cancellationToken);
        var enterprises = directory.EnterpriseCount;
        LogRebuilt(directory.KeyCount, enterprises, head);
        await base.StartAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var entry in events.SubscribeAsync(directory.LastPosition + 1, stoppingToken))
            {
                directory.Apply(entry);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Access rebuilt from the ledger: {Keys} keys, {Enterprises} enterprises up to position {Position}")]
    private partial void LogRebuilt(int keys, int enterprises, long position);
}
