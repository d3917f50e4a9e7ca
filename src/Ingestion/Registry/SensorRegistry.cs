using System.Collections.Concurrent;
using System.Text.Json;
using SafetyLedger.Ledger.Events;

namespace SafetyLedger.Ingestion.Registry;

/// <summary>
/// The in-memory projection of <c>SensorRegistered</c> entries. A sensor keeps the registration
/// with the highest ledger position seen, so replays, the live subscription and registrars
/// applying their own entries (in any order, concurrently) all converge on the same state.
/// </summary>
public sealed class SensorRegistry : ISensorRegistry
{
    private readonly ConcurrentDictionary<(string Tenant, string Id), RegisteredSensor> sensors = new();
    private readonly Lock gate = new();
    private readonly ProjectionPosition position = new();

    /// <summary>The last ledger position this projection has seen (-1 before any).</summary>
    public long LastPosition => position.Last;

    /// <summary>Registered sensors over all tenants.</summary>
    public int Count => sensors.Count;

    public RegisteredSensor? Find(string tenant, string sensorId) =>
        sensors.TryGetValue((tenant, sensorId), out var sensor) ? sensor : null;

    public IReadOnlyList<RegisteredSensor> List(string tenant) =>
        sensors.Values.Where(s => string.Equals(s.Tenant, tenant, StringComparison.Ordinal))
            .OrderBy(s => s.Registration.Id, StringComparer.Ordinal)
            .ToList();

    public IReadOnlyList<string> Tenants() => sensors.Keys.Select(k => k.Tenant).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

    /// <summary>Records that every entry before <paramref name="head"/> has been seen (after a category read).</summary>
    public void AdvanceTo(long head) => position.AdvanceTo(head);

    /// <summary>Applies one ledger entry; entries of other types only advance the position.</summary>
    public void Apply(LedgerEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (gate)
        {
            if (string.Equals(entry.EventType, SensorStreams.RegisteredEventType, StringComparison.Ordinal))
            {
                var registration = JsonSerializer.Deserialize(entry.Payload.Span, IngestionJsonContext.Default.SensorRegistration);
                if (registration is not null
                    && (!sensors.TryGetValue((entry.Tenant, registration.Id), out var known) || known.Position < entry.Position))
                {
                    sensors[(entry.Tenant, registration.Id)] = new RegisteredSensor(entry.Tenant, registration, entry.Position, entry.RecordedAt);
                }
            }

            position.Saw(entry.Position);
        }
    }
}
