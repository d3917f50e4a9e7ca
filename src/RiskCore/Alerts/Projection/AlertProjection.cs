using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SafetyLedger.Ledger.Events;

namespace SafetyLedger.RiskCore.Alerts.Projection;

/// <summary>
/// Keeps the alert read table up to date: a catch-up subscription from the table's next position
/// folds every alert entry with <see cref="AlertFold"/> and saves the row with the position after it.
/// </summary>
public sealed partial class AlertProjection(IEventStore store, IAlertReadStore table, ILogger<AlertProjection> logger) : BackgroundService
{
    private const int PageSize = 1024;

    /// <summary>Projects every entry committed so far, then returns (a rebuild, or a test's barrier).</summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var page = await store.ReadAllAsync(await table.NextPositionAsync(cancellationToken), PageSize, cancellationToken);
            foreach (var entry in page)
            {
                await ApplyAsync(entry, cancellationToken);
            }

            if (page.Count < PageSize)
            {
                return;
            }
        }
    }

    /// <summary>Folds one entry into the table; entries of other streams only move the position on.</summary>
    public async Task ApplyAsync(LedgerEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        if (!AlertFold.IsAlertEntry(entry))
        {
            await table.SaveAsync(null, entry.Position + 1, cancellationToken);
            return;
        }

        var alertId = entry.StreamId[(AlertEventTypes.StreamPrefix.Length + entry.Tenant.Length + 1)..];
        var current = await table.FindAsync(entry.Tenant, alertId, cancellationToken);
        await table.SaveAsync(AlertFold.Apply(current, entry), entry.Position + 1, cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var from = await table.NextPositionAsync(stoppingToken);
        LogStarting(from);
        try
        {
            await foreach (var entry in store.SubscribeAsync(from, stoppingToken))
            {
                await ApplyAsync(entry, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert projection subscribing from ledger position {Position}")]
    private partial void LogStarting(long position);
}
