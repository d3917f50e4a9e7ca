using SafetyLedger.Ingestion.DeadLetters;
using SafetyLedger.Ingestion.Registry;
using SafetyLedger.Ingestion.Telemetry;
using Microsoft.Extensions.Options;

namespace SafetyLedger.Ingestion.Quality;

/// <summary>
/// Computes a tenant's roll-ups for one period: per sensor online rate (share of expected reporting slots with data),
/// timeliness, validity (stored / stored + dead-lettered), completeness (readings / expected), and for the tenant also
/// the access rate (required sensors reporting / required sensors). Rates without readings are 0.
/// <para>
/// An hour is counted from the stored readings, dead letters and duplicate counters. A day is the sum of its hours'
/// rows: counting a whole day from the readings every minute read ~86,000 index entries per sensor per period at one
/// reading a second. An hour of the day that has no row for some registered sensor is computed here and returned with
/// the day's rows, to be stored beside them; an hour that has not begun adds only its expected readings.
/// </para>
/// <para>
/// A sensor is expected to report from its registration on: a period that ended before it was registered has no row
/// for it, and the period it was registered in expects readings only from then (a sensor registered at 15:00 is not
/// offline from midnight to 15:00, and the tenant's access rate counts only the required sensors registered by then).
/// </para>
/// </summary>
public sealed class QualityCalculator(
    ISensorRegistry registry,
    ITelemetryStore store,
    IDeadLetterStore deadLetters,
    IQualityStore rollups,
    IOptions<QualityOptions> options,
    TimeProvider time)
{
    public const string TenantRow = "*";

    /// <summary>The period's rows (a day's may come with hour rows it had to compute; every row names its period).</summary>
    public async Task<IReadOnlyList<QualityRollup>> ComputeAsync(string tenant, QualityPeriod period, DateTimeOffset start, CancellationToken cancellationToken) =>
        period == QualityPeriod.Hour
            ? await ComputeHourAsync(tenant, start, cancellationToken)
            : await ComputeDayAsync(tenant, start, cancellationToken);

    private async Task<List<QualityRollup>> ComputeHourAsync(string tenant, DateTimeOffset start, CancellationToken cancellationToken)
    {
        var end = start.AddHours(1);
        var duplicates = await store.CountDuplicatesAsync(tenant, start, end, cancellationToken);
        var refused = await deadLetters.CountBySensorAsync(tenant, start, end, cancellationToken);
        var positions = (await store.ReadBatchesAsync(tenant, start, end, cancellationToken))
            .Where(b => b.LedgerPosition is not null)
            .ToLookup(b => b.SensorId, b => b.LedgerPosition!.Value, StringComparer.Ordinal);
        var sensors = RegisteredBefore(tenant, end);
        var counts = sensors.Count == 0
            ? new Dictionary<string, ReadingCounts>(StringComparer.Ordinal)
            : await store.CountReadingsAsync(tenant, sensors.ToDictionary(s => s.Registration.Id, Slot, StringComparer.Ordinal), start, end, options.Value.TimelinessSla, cancellationToken);
        var rows = new List<QualityRollup>();
        foreach (var sensor in sensors)
        {
            var id = sensor.Registration.Id;
            var slot = Slot(sensor);
            var from = sensor.RecordedAt > start ? sensor.RecordedAt : start;
            var (count, slots, timely) = counts.GetValueOrDefault(id) ?? new ReadingCounts(0, 0, 0);
            rows.Add(Sensor(tenant, id, QualityPeriod.Hour, start, count, Expected(end - from, slot), slots, timely, duplicates.GetValueOrDefault(id), refused.GetValueOrDefault(id), [.. positions[id]]));
        }

        rows.Add(Tenant(tenant, QualityPeriod.Hour, start, sensors, rows, refused.Values.Sum()));
        return rows;
    }

    private async Task<List<QualityRollup>> ComputeDayAsync(string tenant, DateTimeOffset start, CancellationToken cancellationToken)
    {
        var sensors = RegisteredBefore(tenant, start.AddDays(1));
        var stored = (await rollups.ListAsync(tenant, QualityPeriod.Hour, start, start.AddDays(1), cancellationToken)).ToLookup(r => r.PeriodStart);
        var now = time.GetUtcNow();
        var hours = new List<QualityRollup>();
        var computed = new List<QualityRollup>();
        var notBegun = 0;
        for (var at = start; at < start.AddDays(1); at = at.AddHours(1))
        {
            if (at > now)
            {
                notBegun++;
                continue;
            }

            var rows = stored[at].ToList();
            var have = rows.Select(r => r.SensorId).ToHashSet(StringComparer.Ordinal);
            if (!have.Contains(TenantRow) || sensors.Any(s => s.RecordedAt < at.AddHours(1) && !have.Contains(s.Registration.Id)))
            {
                rows = await ComputeHourAsync(tenant, at, cancellationToken);
                computed.AddRange(rows);
            }

            hours.AddRange(rows);
        }

        var bySensor = hours.ToLookup(r => r.SensorId, StringComparer.Ordinal);
        var day = new List<QualityRollup>();
        foreach (var sensor in sensors)
        {
            var id = sensor.Registration.Id;
            var of = bySensor[id].ToList();
            day.Add(Sensor(
                tenant,
                id,
                QualityPeriod.Day,
                start,
                of.Sum(r => r.Readings),
                of.Sum(r => r.ExpectedReadings) + (notBegun * Expected(TimeSpan.FromHours(1), Slot(sensor))),
                of.Sum(r => (long)Math.Round(r.OnlineRate * r.ExpectedReadings)),
                of.Sum(r => (long)Math.Round(r.Timeliness * r.Readings)),
                of.Sum(r => r.Duplicates),
                of.Sum(r => r.DeadLetters),
                [.. of.SelectMany(r => r.DigestPositions).Order()]));
        }

        day.Add(Tenant(tenant, QualityPeriod.Day, start, sensors, day, bySensor[TenantRow].Sum(r => r.DeadLetters)));
        return [.. day, .. computed];
    }

    /// <summary>The tenant's sensors registered before <paramref name="end"/>: those a period ending then expects readings from.</summary>
    private List<RegisteredSensor> RegisteredBefore(string tenant, DateTimeOffset end) =>
        [.. registry.List(tenant).Where(s => s.RecordedAt < end)];

    private static QualityRollup Tenant(string tenant, QualityPeriod period, DateTimeOffset start, List<RegisteredSensor> registered, List<QualityRollup> sensors, long deadLetters)
    {
        var readings = sensors.Sum(s => s.Readings);
        var expected = sensors.Sum(s => s.ExpectedReadings);
        var required = registered.Where(s => s.Registration.RequiredForCompliance).Select(s => s.Registration.Id).ToHashSet(StringComparer.Ordinal);
        var reporting = sensors.Count(s => required.Contains(s.SensorId) && s.Readings > 0);
        return new QualityRollup(
            tenant,
            TenantRow,
            period,
            start,
            required.Count == 0 ? null : Rate(reporting, required.Count),
            sensors.Count == 0 ? 0 : sensors.Average(s => s.OnlineRate),
            readings == 0 ? 0 : sensors.Sum(s => s.Timeliness * s.Readings) / readings,
            Rate(readings, readings + deadLetters),
            Math.Min(1, Rate(readings, expected)),
            readings,
            expected,
            sensors.Sum(s => s.Duplicates),
            deadLetters,
            [.. sensors.SelectMany(s => s.DigestPositions).Order()]);
    }

    private static QualityRollup Sensor(
        string tenant, string id, QualityPeriod period, DateTimeOffset start, long count, long expected, long slots, long timely, long duplicates, long dead, IReadOnlyList<long> positions) =>
        new(tenant, id, period, start, null, Rate(slots, expected), Rate(timely, count), Rate(count, count + dead), Math.Min(1, Rate(count, expected)), count, expected, duplicates, dead, positions);

    private static TimeSpan Slot(RegisteredSensor sensor) => TimeSpan.FromSeconds(sensor.Registration.ExpectedPeriodSeconds);

    private static long Expected(TimeSpan period, TimeSpan slot) => (long)Math.Ceiling(period / slot);

    private static double Rate(double part, double whole) => whole <= 0 ? 0 : part / whole;
}
