using SafetyLedger.Ingestion.DeadLetters;
using SafetyLedger.Ingestion.Registry;
using SafetyLedger.Ingestion.Telemetry;
using Microsoft.Extensions.Options;

namespace SafetyLedger.Ingestion.Quality;

/// <summary>
/// Computes a tenant's roll-ups for one period from the stored readings, dead letters and duplicate
/// counters: per sensor online rate (share of expected reporting slots with data), timeliness,
/// validity (stored / stored + dead-lettered), completeness (readings / expected), and for the tenant
/// also the access rate (required sensors reporting / required sensors). Rates without readings are 0.
/// </summary>
public sealed class QualityCalculator(
    ISensorRegistry registry,
    ITelemetryStore store,
    IDeadLetterStore deadLetters,
    IOptions<QualityOptions> options)
{
    public const string TenantRow = "*";

    public async Task<IReadOnlyList<QualityRollup>> ComputeAsync(string tenant, QualityPeriod period, DateTimeOffset start, CancellationToken cancellationToken)
    {
        var end = start + (period == QualityPeriod.Hour ? TimeSpan.FromHours(1) : TimeSpan.FromDays(1));
        var duplicates = await store.CountDuplicatesAsync(tenant, start, end, cancellationToken);
        var refused = await deadLetters.CountBySensorAsync(tenant, start, end, cancellationToken);
        var batches = await store.ReadBatchesAsync(tenant, start, end, cancellationToken);
        var rows = new List<QualityRollup>();
        var reporting = 0;
        var required = 0;
        foreach (var sensor in registry.List(tenant))
        {
            var id = sensor.Registration.Id;
            var slot = TimeSpan.FromSeconds(sensor.Registration.ExpectedPeriodSeconds);
            var expected = (long)Math.Ceiling((end - start) / slot);
            var (count, slots, timely) = await store.CountReadingsAsync(tenant, id, start, end, slot, options.Value.TimelinessSla, cancellationToken);
            var dead = refused.GetValueOrDefault(id);
            var positions = batches.Where(b => string.Equals(b.SensorId, id, StringComparison.Ordinal) && b.LedgerPosition is not null)
                .Select(b => b.LedgerPosition!.Value).ToList();
            rows.Add(new QualityRollup(
                tenant,
                id,
                period,
                start,
                null,
                Rate(slots, expected),
                Rate(timely, count),
                Rate(count, count + dead),
                Math.Min(1, Rate(count, expected)),
                count,
                expected,
                duplicates.GetValueOrDefault(id),
                dead,
                positions));
            if (sensor.Registration.RequiredForCompliance)
            {
                required++;
                reporting += count > 0 ? 1 : 0;
            }
        }

        rows.Add(Tenant(tenant, period, start, rows, required == 0 ? null : Rate(reporting, required), refused.Values.Sum()));
        return rows;
    }

    private static QualityRollup Tenant(string tenant, QualityPeriod period, DateTimeOffset start, List<QualityRollup> sensors, double? access, long deadLetters)
    {
        var readings = sensors.Sum(s => s.Readings);
        var expected = sensors.Sum(s => s.ExpectedReadings);
        return new QualityRollup(
            tenant,
            TenantRow,
            period,
            start,
            access,
            sensors.Count == 0 ? 0 : sensors.Average(s => s.OnlineRate),
            readings == 0 ? 0 : sensors.Sum(s => s.Timeliness * s.Readings) / readings,
            Rate(readings, readings + deadLetters),
            Math.Min(1, Rate(readings, expected)),
            readings,
            expected,
            sensors.Sum(s => s.Duplicates),
            deadLetters,
            sensors.SelectMany(s => s.DigestPositions).Order().ToList());
    }

    private static double Rate(double part, double whole) => whole <= 0 ? 0 : part / whole;
}
