using SafetyLedger.Ledger.Events;
using SafetyLedger.RiskCore.Alerts;

namespace SafetyLedger.RiskCore.Training;

/// <summary>Reads a tenant's resolved alerts from the ledger as labelled spans (raised − lead margin … resolved).</summary>
public sealed class AlertLabelReader(IEventStore store, TrainingOptions options)
{
    private const int PageSize = 1024;

    public async Task<IReadOnlyList<LabelledSpan>> ReadAsync(string tenant, CancellationToken cancellationToken)
    {
        var alerts = new Dictionary<string, Alert>(StringComparer.Ordinal);
        for (var position = 0L; ;)
        {
            var page = await store.ReadAllAsync(position, PageSize, cancellationToken);
            foreach (var entry in page.Where(e => e.Tenant == tenant && AlertFold.IsAlertEntry(e)))
            {
                alerts[entry.StreamId] = AlertFold.Apply(alerts.GetValueOrDefault(entry.StreamId), entry);
            }

            if (page.Count < PageSize)
            {
                break;
            }

            position = page[^1].Position + 1;
        }

        return alerts.Values
            .Where(a => a is { Label: not null, ResolvedAt: not null })
            .Select(a => new LabelledSpan(a.Site, a.RaisedAt - options.LeadMargin, a.ResolvedAt!.Value, a.Label!.Value))
            .OrderBy(s => s.From)
            .ToArray();
    }
}
