using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using SafetyLedger.Ledger.Events;

namespace SafetyLedger.RiskCore.Alerts.Projection;

/// <summary>
/// Keeps the alert read table up to date: a category read of the alert streams from the table's next
/// position, then a live subscription from the head, folds every alert entry with <see cref="AlertFold"/>
/// and saves the row with the position after it.
/// </summary>
public sealed partial class AlertProjection(IEventStore store, IAlertReadStore table, ILogger<AlertProjection> logger) : BackgroundService
{
    /// <summary>
    /// Projects every alert entry committed so far — a category read, so only alert entries are
    /// decoded — then moves the table's position to the head and returns (a rebuild, or a test's barrier).
    /// </summary>
    public async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        var from = await table.NextPositionAsync(cancellationToken);
        var head = store.Count;
        await foreach (var entry in store.ReadCategoryAsync(AlertEventTypes.StreamPrefix, from, head, cancellationToken))
        {
            await ApplyAsync(entry, cancellationToken);
        }

        if (head > await table.NextPositionAsync(cancellationToken))
        {
            await table.SaveAsync(null, head, cancellationToken);
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
        try
        {
            await CatchUpAsync(stoppingToken);
            var from = await table.NextPositionAsync(stoppingToken);
            LogStarting(from);
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
