using SafetyLedger.Ledger.Events;
using SafetyLedger.RiskCore.Alerts;
using SafetyLedger.RiskCore.Response;

namespace SafetyLedger.RiskCore.Tests.Support;

/// <summary>
/// A DCS publisher that, at the moment it is called, looks in the ledger for the entry that
/// commanded (or cancelled) the command, then passes it on to an inner publisher if any.
/// </summary>
internal sealed class LedgerCheckingPublisher(IEventStore store, IDcsCommandPublisher? inner = null) : IDcsCommandPublisher
{
    public List<(DcsCommand Command, LedgerEntry? Ledgered, long LedgerCountAtPublish)> Published { get; } = [];

    public async Task PublishAsync(DcsCommand command, CancellationToken cancellationToken)
    {
        var entry = await store.ReadAsync(command.LedgerPosition, cancellationToken);
        var ledgered = entry is not null && entry.StreamId == AlertEventTypes.StreamId(command.Tenant, command.AlertId)
            && entry.EventType is AlertEventTypes.InterventionCommanded or AlertEventTypes.Overridden
            ? entry
            : null;
        Published.Add((command, ledgered, store.Count));
        if (inner is not null)
        {
            await inner.PublishAsync(command, cancellationToken);
        }
    }
}
