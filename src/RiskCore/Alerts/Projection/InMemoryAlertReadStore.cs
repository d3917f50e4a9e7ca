namespace SafetyLedger.RiskCore.Alerts.Projection;

/// <summary>The embedded read table: in memory, rebuilt from the ledger at each start.</summary>
public sealed class InMemoryAlertReadStore : IAlertReadStore
{
    private readonly Lock _gate = new();
    private readonly Dictionary<(string Tenant, string AlertId), Alert> _alerts = [];
    private long _nextPosition;

    public Task<long> NextPositionAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_nextPosition);
        }
    }

    public Task<Alert?> FindAsync(string tenant, string alertId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_alerts.GetValueOrDefault((tenant, alertId)));
        }
    }

    public Task<IReadOnlyList<AlertRow>> QueryAsync(AlertQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        lock (_gate)
        {
            IReadOnlyList<AlertRow> rows = _alerts.Values
                .Where(a => a.Tenant == query.Tenant && (query.Site is null || a.Site == query.Site) && (query.State is null || a.State == query.State))
                .Where(a => query.After is null || query.After.Precedes(a))
                .OrderByDescending(a => a.RaisedAt)
                .ThenBy(a => a.AlertId, StringComparer.Ordinal)
                .Take(Math.Clamp(query.Limit, 1, AlertQuery.MaxLimit))
                .Select(AlertRow.From)
                .ToArray();
            return Task.FromResult(rows);
        }
    }

    public Task SaveAsync(Alert? alert, long nextPosition, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (alert is not null)
            {
                _alerts[(alert.Tenant, alert.AlertId)] = alert;
            }

            _nextPosition = nextPosition;
        }

        return Task.CompletedTask;
    }

    public Task ClearAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _alerts.Clear();
            _nextPosition = 0;
        }

        return Task.CompletedTask;
    }
}
