using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SafetyLedger.Ingestion.Quality;
using SafetyLedger.Ingestion.Registry;
using SafetyLedger.Ingestion.Telemetry;
using SafetyLedger.Ingestion.Telemetry.Sqlite;
using SafetyLedger.Ingestion.Tests.Support;
using SafetyLedger.Ledger.Storage;

namespace SafetyLedger.Ingestion.Tests.Quality;

/// <summary>The calculator on a real telemetry store, with a one-minute sensor and a clock of its own.</summary>
public sealed class QualityCalculatorTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Day = new(2025, 3, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TempFolder folder = new();
    private readonly FakeTimeProvider time = new(Day.AddHours(6).AddMinutes(30));
    private readonly FixedRegistry registry = new([new RegisteredSensor(Some.Tenant, Some.H2S() with { ExpectedPeriodSeconds = 60 }, 1, Day)]);
    private SqliteTelemetryDatabase database = null!;
    private SqliteTelemetryStore store = null!;
    private SqliteQualityStore rollups = null!;
    private QualityCalculator calculator = null!;

    public Task InitializeAsync()
    {
        database = SqliteTelemetryDatabase.Open(new TelemetryStorageOptions { DataDirectory = folder.Path, Synchronous = SynchronousMode.Normal }, NullLogger<SqliteTelemetryDatabase>.Instance);
        store = new SqliteTelemetryStore(database);
        rollups = new SqliteQualityStore(database);
        calculator = new QualityCalculator(registry, store, new SqliteDeadLetterStore(database), rollups, Options.Create(new QualityOptions()), time);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await database.DisposeAsync();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task An_hour_counts_its_slots_with_data_its_timely_readings_and_its_duplicates()
    {
        // Hour 2: 30 minutes with a reading, two of them received 2 minutes late, and one duplicate.
        var readings = Enumerable.Range(0, 30).Select(m => Reading(Day.AddHours(2).AddMinutes(m * 2), late: m < 2)).ToList();
        await store.AppendAsync([.. readings, readings[5]], CancellationToken.None);

        var rows = await calculator.ComputeAsync(Some.Tenant, QualityPeriod.Hour, Day.AddHours(2), CancellationToken.None);

        var sensor = Assert.Single(rows, r => r.SensorId == "h2s-1");
        Assert.Equal((30L, 60L, 1L), (sensor.Readings, sensor.ExpectedReadings, sensor.Duplicates));
        Assert.Equal(0.5, sensor.OnlineRate, 6);
        Assert.Equal(28.0 / 30, sensor.Timeliness, 6);
        Assert.Equal(0.5, sensor.Completeness, 6);
        var tenant = Assert.Single(rows, r => r.SensorId == QualityCalculator.TenantRow);
        Assert.Equal(1.0, tenant.AccessRate);
    }

    [Fact]
    public async Task A_day_is_the_sum_of_its_hours_and_comes_with_the_hour_rows_it_had_to_compute()
    {
        await store.AppendAsync([.. Enumerable.Range(0, 60).Select(m => Reading(Day.AddHours(1).AddMinutes(m), late: m < 6)), Reading(Day.AddHours(5), late: false)], CancellationToken.None);

        var rows = await calculator.ComputeAsync(Some.Tenant, QualityPeriod.Day, Day, CancellationToken.None);

        var day = Assert.Single(rows, r => r.Period == QualityPeriod.Day && r.SensorId == "h2s-1");
        Assert.Equal((61L, 24L * 60), (day.Readings, day.ExpectedReadings)); // hours not begun (7–23) count as expected
        Assert.Equal(61.0 / 1440, day.OnlineRate, 6);
        Assert.Equal(55.0 / 61, day.Timeliness, 6);

        // The hours that had begun (0–6) had no rows: computed and returned, for both rows of each.
        var hours = rows.Where(r => r.Period == QualityPeriod.Hour).ToList();
        Assert.Equal(Enumerable.Range(0, 7).Select(h => Day.AddHours(h)), hours.Select(r => r.PeriodStart).Distinct());
        Assert.Equal(14, hours.Count);
    }

    [Fact]
    public async Task A_day_takes_the_stored_hour_rows_instead_of_counting_the_readings_again()
    {
        await store.AppendAsync([Reading(Day.AddHours(1), late: false)], CancellationToken.None);
        var first = await calculator.ComputeAsync(Some.Tenant, QualityPeriod.Day, Day, CancellationToken.None);
        await rollups.UpsertAsync([.. first.Where(r => r.Period == QualityPeriod.Hour)], CancellationToken.None);

        // A reading stored later for hour 3 is not counted again; the stored row of hour 3 is what the day sums.
        await store.AppendAsync([Reading(Day.AddHours(3), late: false)], CancellationToken.None);
        var again = await calculator.ComputeAsync(Some.Tenant, QualityPeriod.Day, Day, CancellationToken.None);

        Assert.DoesNotContain(again, r => r.Period == QualityPeriod.Hour);
        Assert.Equal(1, Assert.Single(again, r => r.SensorId == "h2s-1").Readings);
        var hour3 = await calculator.ComputeAsync(Some.Tenant, QualityPeriod.Hour, Day.AddHours(3), CancellationToken.None);
        await rollups.UpsertAsync(hour3, CancellationToken.None);
        Assert.Equal(2, Assert.Single(await calculator.ComputeAsync(Some.Tenant, QualityPeriod.Day, Day, CancellationToken.None), r => r.SensorId == "h2s-1").Readings);
    }

    [Fact]
    public async Task The_previous_day_is_recomputed_only_while_its_hours_are_rewritten_and_every_row_is_stored()
    {
        var service = new QualityRollupService(registry, calculator, rollups, Options.Create(new QualityOptions()), time, NullLogger<QualityRollupService>.Instance);
        async Task<int> PassAsync(DateTimeOffset now)
        {
            time.SetUtcNow(now);
            return await service.RollUpAsync(now, CancellationToken.None);
        }

        // 06:30: hours 05 and 06 (2 rows each); today with hours 00–04; the previous day, which ended when the sensor
        // was registered, with only its tenant row and its 24 hours' tenant rows.
        Assert.Equal(4 + 2 + 10 + 1 + 24, await PassAsync(Day.AddHours(6).AddMinutes(30)));
        Assert.Equal(4 + 2, await PassAsync(Day.AddHours(6).AddMinutes(31)));

        // 00:30 the next day: the day before is recomputed (its hour 23 was just rewritten; hours 07–22 are computed now).
        Assert.Equal(4 + 2 + 32 + 2, await PassAsync(Day.AddDays(1).AddMinutes(30)));
        Assert.Equal(4 + 2, await PassAsync(Day.AddDays(1).AddHours(1).AddMinutes(30)));
        Assert.Equal(48, (await rollups.ListAsync(Some.Tenant, QualityPeriod.Hour, Day, Day.AddDays(1), CancellationToken.None)).Count);
    }

    [Fact]
    public async Task A_sensor_is_expected_to_report_only_from_its_registration_on()
    {
        var registered = Day.AddHours(2).AddMinutes(30);
        var late = new QualityCalculator(
            new FixedRegistry([new RegisteredSensor(Some.Tenant, Some.H2S() with { ExpectedPeriodSeconds = 60 }, 1, registered)]),
            store,
            new SqliteDeadLetterStore(database),
            rollups,
            Options.Create(new QualityOptions()),
            time);
        await store.AppendAsync([.. Enumerable.Range(0, 30).Select(m => Reading(registered.AddMinutes(m), late: false))], CancellationToken.None);

        // The hour before: no row for the sensor, and no required sensor to count for the tenant's access rate.
        var before = await late.ComputeAsync(Some.Tenant, QualityPeriod.Hour, Day.AddHours(1), CancellationToken.None);
        Assert.Null(Assert.Single(before).AccessRate);

        // The hour it was registered in expects its last 30 minutes only: every slot since then has a reading.
        var hour = Assert.Single(await late.ComputeAsync(Some.Tenant, QualityPeriod.Hour, Day.AddHours(2), CancellationToken.None), r => r.SensorId == "h2s-1");
        Assert.Equal((30L, 30L, 1.0), (hour.Readings, hour.ExpectedReadings, hour.OnlineRate));

        // The day (at 06:30): 30 minutes of hour 2, hours 3–6 begun, hours 7–23 not begun.
        var day = Assert.Single(await late.ComputeAsync(Some.Tenant, QualityPeriod.Day, Day, CancellationToken.None), r => r.Period == QualityPeriod.Day && r.SensorId == "h2s-1");
        Assert.Equal(30 + (4 * 60) + (17 * 60), day.ExpectedReadings);
    }

    private static TelemetryReading Reading(DateTimeOffset at, bool late) =>
        new(Some.Tenant, Some.Site, "h2s-1", at, late ? at.AddMinutes(2) : at.AddSeconds(1), at, 1, "ppm", 1, "ppm", "good", null);

    private sealed class FixedRegistry(IReadOnlyList<RegisteredSensor> sensors) : ISensorRegistry
    {
        public RegisteredSensor? Find(string tenant, string sensorId) => sensors.FirstOrDefault(s => s.Tenant == tenant && s.Registration.Id == sensorId);

        public IReadOnlyList<RegisteredSensor> List(string tenant) => [.. sensors.Where(s => s.Tenant == tenant)];

        public IReadOnlyList<string> Tenants() => [.. sensors.Select(s => s.Tenant).Distinct()];
    }
}
