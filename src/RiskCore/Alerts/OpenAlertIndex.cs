using System.Collections.Concurrent;

namespace SafetyLedger.RiskCore.Alerts;

/// <summary>The open alerts of this process, by id and by de-duplication key; newer versions replace older ones.</summary>
internal sealed class OpenAlertIndex
{
    private readonly ConcurrentDictionary<(string Tenant, string AlertId), Alert> _byId = new();
    private readonly ConcurrentDictionary<AlertKey, string> _byKey = new();

    public IReadOnlyCollection<Alert> Alerts => [.. _byId.Values];

    public Alert? Find(AlertKey key) =>
        _byKey.TryGetValue(key, out var id) && _byId.TryGetValue((key.Tenant, id), out var alert) ? alert : null;

    public void Put(Alert alert)
    {
        var stored = _byId.AddOrUpdate((alert.Tenant, alert.AlertId), alert, (_, existing) => existing.Version >= alert.Version ? existing : alert);
        if (stored != alert)
        {
            return;
        }

        if (alert.IsOpen)
        {
            _byKey[alert.Key] = alert.AlertId;
            return;
        }

        _byId.TryRemove(new KeyValuePair<(string, string), Alert>((alert.Tenant, alert.AlertId), alert));
        _byKey.TryRemove(new KeyValuePair<AlertKey, string>(alert.Key, alert.AlertId));
    }
}
