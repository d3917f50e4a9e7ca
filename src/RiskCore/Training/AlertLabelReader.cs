using SafetyLedger.Ledger.Events;
using SafetyLedger.RiskCore.Alerts;

namespace SafetyLedger.RiskCore.Training;

/// <summary>Reads a tenant's resolved alerts from the ledger as labelled spans (raised − lead margin … resolved).</summary>
public sealed class AlertLabelReader(IEventStore store, TrainingOptions options)
{
    public async Task<IReadOnlyList<LabelledSpan>> ReadAsync(string tenant, CancellationToken cancellationToken)
    {
        var alerts = new Dictionary<string, Alert>(StringComparer.Ordinal);
        await foreach (var entry in store.ReadCategoryAsync(AlertEventTypes.StreamPrefix, 0, long.MaxValue, cancellationToken))
        {
            if (entry.Tenant == tenant)
            {
                alerts[entry.StreamId] = AlertFold.Apply(alerts.GetValueOrDefault(entry.StreamId), entry);
            }
        }

        return alerts.Values
            .Where(a => a is { Label: not null, ResolvedAt: not null })
            .Select(a => new LabelledSpan(a.Site, a.RaisedAt - options.LeadMargin, a.ResolvedAt!.Value, a.Label!.Value))
            .OrderBy(s => s.From)
            .ToArray();
    }
}
