using Microsoft.Extensions.Logging.Abstractions;
using SafetyLedger.Ingestion.Telemetry;
using SafetyLedger.Ingestion.Telemetry.Sqlite;
using SafetyLedger.Ingestion.Tests.Support;
using SafetyLedger.Ledger.Storage;

namespace SafetyLedger.Ingestion.Tests.Telemetry;

public sealed class SqliteTelemetryStoreTests
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_failing_write_fails_alone_and_the_writes_committed_beside_it_are_stored()
    {
        using var folder = new TempFolder();
        await using var database = SqliteTelemetryDatabase.Open(new TelemetryStorageOptions { DataDirectory = folder.Path, Synchronous = SynchronousMode.Normal }, NullLogger<SqliteTelemetryDatabase>.Instance);
        var store = new SqliteTelemetryStore(database);

        // Queued behind 50 appends, so the writer tends to put the failing batch into their transaction.
        var appends = Enumerable.Range(0, 50).Select(i => store.AppendAsync([Reading(i, seq: i)], CancellationToken.None)).ToList();
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.CreateBatchesAsync([new BatchDraft(Some.Tenant, "nobody", Start, Start, 424242, 424242, 1, 1, 1, 1, "ppm", "00")], null, CancellationToken.None));
        appends.AddRange(Enumerable.Range(50, 50).Select(i => store.AppendAsync([Reading(i, seq: i)], CancellationToken.None)));

        Assert.All(await Task.WhenAll(appends), inserted => Assert.Equal([true], inserted));

        var stored = await store.QueryAsync(Some.Tenant, "h2s-1", Start, Start.AddMinutes(1), CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 100).Select(i => (long?)i), stored.Select(s => s.Reading.Sequence));
        Assert.Empty(await store.ReadBatchesAsync(0, 10, CancellationToken.None));
    }

    [Fact]
    public async Task A_batch_whose_range_overlaps_a_sealed_one_is_refused_whole_and_seals_nothing()
    {
        using var folder = new TempFolder();
        await using var database = SqliteTelemetryDatabase.Open(new TelemetryStorageOptions { DataDirectory = folder.Path, Synchronous = SynchronousMode.Normal }, NullLogger<SqliteTelemetryDatabase>.Instance);
        var store = new SqliteTelemetryStore(database);
        var ids = await StoreThreeAsync(store);

        var first = (await store.CreateBatchesAsync([Draft(ids, 0, 1, "aa")], null, CancellationToken.None))[0];
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.CreateBatchesAsync([Draft(ids, 1, 2, "bb")], null, CancellationToken.None));

        Assert.Equal(ids[..2], (await store.ReadBatchReadingsAsync(first.Id, CancellationToken.None)).Select(r => r.Id));
        Assert.Equal([first.Id], (await store.ReadBatchesAsync(0, 10, CancellationToken.None)).Select(b => b.Id));
        var third = (await store.CreateBatchesAsync([Draft(ids, 2, 2, "cc")], null, CancellationToken.None))[0];
        Assert.Equal([ids[2]], (await store.ReadBatchReadingsAsync(third.Id, CancellationToken.None)).Select(r => r.Id));
    }

    [Fact]
    public async Task Batches_created_together_are_stored_all_or_none_with_the_seal_progress_and_consecutive_versions_per_sensor()
    {
        using var folder = new TempFolder();
        await using var database = SqliteTelemetryDatabase.Open(new TelemetryStorageOptions { DataDirectory = folder.Path, Synchronous = SynchronousMode.Normal }, NullLogger<SqliteTelemetryDatabase>.Instance);
        var store = new SqliteTelemetryStore(database);
        var ids = await StoreThreeAsync(store);
        Assert.Equal(new SealProgress(DateTimeOffset.MinValue, 0), await store.ReadSealProgressAsync(CancellationToken.None));
        var moved = new SealProgress(Start.AddMinutes(1), ids[2]);

        // The second overlaps the first: the first is not kept either, nor the progress moved.
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.CreateBatchesAsync([Draft(ids, 0, 0, "aa"), Draft(ids, 0, 1, "bb")], moved, CancellationToken.None));
        Assert.Empty(await store.ReadBatchesAsync(0, 10, CancellationToken.None));
        Assert.Equal(0, (await store.ReadSealProgressAsync(CancellationToken.None)).HighId);

        var batches = await store.CreateBatchesAsync([Draft(ids, 0, 0, "aa"), Draft(ids, 1, 2, "bb")], moved, CancellationToken.None);
        Assert.Equal([0L, 1L], batches.Select(b => b.StreamVersion));
        Assert.Equal(ids[1..], (await store.ReadBatchReadingsAsync(batches[1].Id, CancellationToken.None)).Select(r => r.Id));
        Assert.Equal(moved, await store.ReadSealProgressAsync(CancellationToken.None));

        await store.SetLedgerPositionsAsync([(batches[0].Id, 7), (batches[1].Id, 9)], CancellationToken.None);
        Assert.Equal([7L, 9L], (await store.ReadBatchesAsync(0, 10, CancellationToken.None)).Select(b => b.LedgerPosition!.Value));
    }

    [Fact]
    public async Task Readings_are_counted_by_slot_and_timeliness_for_the_quality_figures_without_reading_them_out()
    {
        using var folder = new TempFolder();
        await using var database = SqliteTelemetryDatabase.Open(new TelemetryStorageOptions { DataDirectory = folder.Path, Synchronous = SynchronousMode.Normal }, NullLogger<SqliteTelemetryDatabase>.Instance);
        var store = new SqliteTelemetryStore(database);
        TelemetryReading At(double seconds, double delaySeconds, long seq)
        {
            var t = Start.AddSeconds(seconds);
            return new TelemetryReading(Some.Tenant, Some.Site, "h2s-1", t, t.AddSeconds(delaySeconds), t, 1, "ppm", 1, "ppm", "good", seq);
        }

        // Slots of 1 s: 0 (twice), 2 and 3 in the minute, one reading after it; the reading at 3 s arrived 90 s late.
        await store.AppendAsync([At(0, 1, 1), At(0.5, 1, 2), At(2, 1, 3), At(3, 90, 4), At(70, 1, 5)], CancellationToken.None);

        var slots = new Dictionary<string, TimeSpan> { ["h2s-1"] = TimeSpan.FromSeconds(1), ["nobody"] = TimeSpan.FromSeconds(1) };
        var counts = await store.CountReadingsAsync(Some.Tenant, slots, Start, Start.AddMinutes(1), TimeSpan.FromSeconds(60), CancellationToken.None);

        Assert.Equal(new ReadingCounts(4, 3, 3), Assert.Single(counts, c => c.Key == "h2s-1").Value);
        Assert.DoesNotContain("nobody", counts.Keys);

        // Slots of 2 s: 0–2 s and 2–4 s.
        var wider = await store.CountReadingsAsync(Some.Tenant, new Dictionary<string, TimeSpan> { ["h2s-1"] = TimeSpan.FromSeconds(2) }, Start, Start.AddMinutes(1), TimeSpan.FromSeconds(60), CancellationToken.None);
        Assert.Equal(new ReadingCounts(4, 2, 3), wider["h2s-1"]);
        Assert.Empty(await store.CountReadingsAsync("another-tenant", slots, Start, Start.AddMinutes(1), TimeSpan.FromSeconds(60), CancellationToken.None));
    }

    [Theory]
    [InlineData(1024)]
    [InlineData(4096)]
    public async Task A_new_database_gets_the_configured_page_size_and_an_existing_one_keeps_its_own(int pageSize)
    {
        using var folder = new TempFolder();
        var options = new TelemetryStorageOptions { DataDirectory = folder.Path, Synchronous = SynchronousMode.Normal, PageSize = pageSize };
        await using (var database = SqliteTelemetryDatabase.Open(options, NullLogger<SqliteTelemetryDatabase>.Instance))
        {
            await new SqliteTelemetryStore(database).AppendAsync([Reading(0, seq: 0)], CancellationToken.None);
        }

        Assert.Equal(pageSize, PageSizeOf(options.DatabasePath));
        Assert.Equal("wal", Pragma(options.DatabasePath, "journal_mode"));

        var reopened = new TelemetryStorageOptions { DataDirectory = folder.Path, Synchronous = SynchronousMode.Normal, PageSize = pageSize == 1024 ? 4096 : 1024 };
        await using (var database = SqliteTelemetryDatabase.Open(reopened, NullLogger<SqliteTelemetryDatabase>.Instance))
        {
            var stored = await new SqliteTelemetryStore(database).QueryAsync(Some.Tenant, "h2s-1", Start, Start.AddMinutes(1), CancellationToken.None);
            Assert.Single(stored);
        }

        Assert.Equal(pageSize, PageSizeOf(options.DatabasePath));
    }

    [Theory]
    [InlineData(1, "CREATE INDEX readings_by_source ON readings (tenant, sensor_id, source_ticks);")]
    [InlineData(2, "CREATE INDEX readings_by_source_time ON readings (source_ticks, sensor_id, tenant, raw_value);")]
    [InlineData(3, "CREATE UNIQUE INDEX readings_by_source_value ON readings (source_ticks, sensor_id, tenant, raw_value);")]
    public async Task An_older_database_gets_sensor_keys_and_keeps_its_readings_and_their_duplicates(int version, string oldIndex)
    {
        using var folder = new TempFolder();
        var options = new TelemetryStorageOptions { DataDirectory = folder.Path, Synchronous = SynchronousMode.Normal };
        var old = Reading(0, seq: 7);

        // The readings of an older layout: sensors named only as text, indexes keyed by tenant and sensor id.
        Execute(options.DatabasePath, $"""
            CREATE TABLE readings (
                id INTEGER PRIMARY KEY, tenant TEXT NOT NULL, site TEXT NOT NULL, sensor_id TEXT NOT NULL,
                source_ticks INTEGER NOT NULL, source_offset INTEGER NOT NULL, received_ticks INTEGER NOT NULL,
                corrected_ticks INTEGER NOT NULL, value REAL NOT NULL, unit TEXT NOT NULL, raw_value REAL NOT NULL,
                raw_unit TEXT NOT NULL, quality TEXT NOT NULL, seq INTEGER, batch_id INTEGER);
            CREATE INDEX readings_by_time ON readings (tenant, sensor_id, corrected_ticks);
            CREATE INDEX readings_by_seq ON readings (tenant, sensor_id, seq) WHERE seq IS NOT NULL;
            {oldIndex}
            INSERT INTO readings (tenant, site, sensor_id, source_ticks, source_offset, received_ticks, corrected_ticks, value, unit, raw_value, raw_unit, quality, seq)
            VALUES ('{Some.Tenant}', '{Some.Site}', 'h2s-1', {old.SourceTime.UtcTicks}, 0, {old.SourceTime.UtcTicks}, {old.SourceTime.UtcTicks}, 1, 'ppm', 1, 'ppm', 'good', 7),
                   ('{Some.Tenant}', '{Some.Site}', 'ch4-1', {old.SourceTime.UtcTicks}, 0, {old.SourceTime.UtcTicks}, {old.SourceTime.UtcTicks}, 1, '%LEL', 1, '%LEL', 'good', 7);
            PRAGMA user_version = {version};
            """);

        await using (var database = SqliteTelemetryDatabase.Open(options, NullLogger<SqliteTelemetryDatabase>.Instance))
        {
            var store = new SqliteTelemetryStore(database);
            var inserted = await store.AppendAsync([old, Reading(1, seq: 7), Reading(2, seq: null), Reading(3, seq: 8)], CancellationToken.None);
            Assert.Equal([false, false, true, true], inserted);
            var stored = await store.QueryAsync(Some.Tenant, "h2s-1", Start.AddMinutes(-1), Start.AddMinutes(1), CancellationToken.None);
            Assert.Equal([7L, null, 8L], stored.Select(r => r.Reading.Sequence));
        }

        Assert.Equal("6", Pragma(options.DatabasePath, "user_version"));
        Assert.Equal("2", Scalar(options.DatabasePath, "SELECT count(*) FROM sensors"));
        Assert.Equal("0", Scalar(options.DatabasePath, "SELECT count(*) FROM readings WHERE sensor_key IS NULL"));
        Assert.Equal("0", Scalar(options.DatabasePath, "SELECT count(*) FROM sqlite_master WHERE name IN ('readings_by_source', 'readings_by_source_time', 'readings_by_source_value', 'readings_by_time', 'readings_by_seq', 'readings_by_sensor_time', 'readings_by_sensor_seq')"));
        Assert.Contains("(sensor_key, corrected_ticks, seq)", Scalar(options.DatabasePath, "SELECT sql FROM sqlite_master WHERE name = 'readings_by_sensor_time_seq'"), StringComparison.Ordinal);
        Assert.Contains("CREATE UNIQUE INDEX", Scalar(options.DatabasePath, "SELECT sql FROM sqlite_master WHERE name = 'readings_by_source_key'"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rolled_back_write_does_not_leave_a_sensor_key_behind()
    {
        using var folder = new TempFolder();
        await using var database = SqliteTelemetryDatabase.Open(new TelemetryStorageOptions { DataDirectory = folder.Path, Synchronous = SynchronousMode.Normal }, NullLogger<SqliteTelemetryDatabase>.Instance);
        var store = new SqliteTelemetryStore(database);
        var first = new TelemetryReading(Some.Tenant, Some.Site, "new-1", Start, Start, Start, 1, "ppm", 1, "ppm", "good", 1);

        // The sensor's first reading and a failing write share a transaction, which is rolled back and re-run.
        var failing = database.WriteAsync<bool>(_ => throw new InvalidOperationException("refused"), CancellationToken.None);
        var appended = store.AppendAsync([first], CancellationToken.None);
#pragma warning disable VSTHRD003 // Both writes were started above; the test awaits their outcomes.
        await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal([true], await appended);
#pragma warning restore VSTHRD003

        var later = await store.AppendAsync([first with { SourceTime = Start.AddSeconds(1), CorrectedTime = Start.AddSeconds(1), Sequence = 2 }], CancellationToken.None);
        Assert.Equal([true], later);
        Assert.Equal(2, (await store.QueryAsync(Some.Tenant, "new-1", Start.AddMinutes(-1), Start.AddMinutes(1), CancellationToken.None)).Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    [InlineData(131072)]
    public void A_page_size_sqlite_cannot_use_is_refused_with_the_setting_named(int pageSize)
    {
        using var folder = new TempFolder();
        var options = new TelemetryStorageOptions { DataDirectory = folder.Path, PageSize = pageSize };

        var error = Assert.Throws<InvalidOperationException>(() => SqliteTelemetryDatabase.Open(options, NullLogger<SqliteTelemetryDatabase>.Instance));

        Assert.Contains("Ingestion:Storage:PageSize", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(options.DatabasePath));
    }

    [Fact]
    public async Task A_reading_repeating_a_sequence_number_or_a_time_and_value_is_dropped_in_the_same_write()
    {
        using var folder = new TempFolder();
        await using var database = SqliteTelemetryDatabase.Open(new TelemetryStorageOptions { DataDirectory = folder.Path, Synchronous = SynchronousMode.Normal }, NullLogger<SqliteTelemetryDatabase>.Instance);
        var store = new SqliteTelemetryStore(database);

        var inserted = await store.AppendAsync(
            [Reading(0, seq: 7), Reading(1, seq: 7), Reading(2, seq: null), Reading(2, seq: null), Reading(3, seq: 8)],
            CancellationToken.None);

        Assert.Equal([true, false, true, false, true], inserted);
        Assert.Equal(2, (await store.CountDuplicatesAsync(Some.Tenant, Start.AddDays(-1), Start.AddDays(1), CancellationToken.None))["h2s-1"]);
    }

    [Fact]
    public async Task A_sensor_that_restarted_its_sequence_numbers_after_the_duplicate_window_is_stored()
    {
        using var folder = new TempFolder();
        var options = new TelemetryStorageOptions { DataDirectory = folder.Path, Synchronous = SynchronousMode.Normal };
        await using var database = SqliteTelemetryDatabase.Open(options, NullLogger<SqliteTelemetryDatabase>.Instance);
        var store = new SqliteTelemetryStore(database);
        var rebooted = Start + options.DuplicateWindow + TimeSpan.FromSeconds(1);

        var before = await store.AppendAsync([Reading(0, seq: 0), Reading(1, seq: 1)], CancellationToken.None);
        var after = await store.AppendAsync(
            [
                new TelemetryReading(Some.Tenant, Some.Site, "h2s-1", rebooted, rebooted, rebooted, 5, "ppm", 5, "ppm", "good", 0),
                new TelemetryReading(Some.Tenant, Some.Site, "h2s-1", rebooted.AddSeconds(1), rebooted, rebooted.AddSeconds(1), 6, "ppm", 6, "ppm", "good", 0),
            ],
            CancellationToken.None);

        Assert.Equal([true, true], before);
        Assert.Equal([true, false], after); // seq 0 again after the window is new; again within it, a duplicate
    }

    [Fact]
    public async Task Sequence_numbers_stored_before_a_restart_still_make_repeats_duplicates_and_lower_new_numbers_are_stored()
    {
        using var folder = new TempFolder();
        var options = new TelemetryStorageOptions { DataDirectory = folder.Path, Synchronous = SynchronousMode.Normal };
        await using (var database = SqliteTelemetryDatabase.Open(options, NullLogger<SqliteTelemetryDatabase>.Instance))
        {
            Assert.Equal([true, true, true], await new SqliteTelemetryStore(database).AppendAsync([Reading(0, seq: 5), Reading(1, seq: 9), Reading(2, seq: 7)], CancellationToken.None));
        }

        // A new writer knows nothing of the sensor yet: the highest number stored (9) comes from the index.
        await using (var database = SqliteTelemetryDatabase.Open(options, NullLogger<SqliteTelemetryDatabase>.Instance))
        {
            var store = new SqliteTelemetryStore(database);
            var inserted = await store.AppendAsync(
                [Reading(10, seq: 9), Reading(11, seq: 5), Reading(12, seq: 6), Reading(13, seq: 10), Reading(14, seq: 10), Reading(15, seq: 8)],
                CancellationToken.None);

            // 9 and 5 were stored before the restart, 10 within this write; 6 and 8 are new though below the highest.
            Assert.Equal([false, false, true, true, false, true], inserted);
        }
    }

    [Fact]
    public async Task A_late_resend_older_than_what_the_writer_read_at_start_is_still_looked_up_by_its_sequence_number()
    {
        using var folder = new TempFolder();
        var options = new TelemetryStorageOptions { DataDirectory = folder.Path, Synchronous = SynchronousMode.Normal };
        var hourLater = Start.AddHours(1);
        await using (var database = SqliteTelemetryDatabase.Open(options, NullLogger<SqliteTelemetryDatabase>.Instance))
        {
            // Seq 100 an hour ago, then the device restarted its numbering.
            Assert.Equal([true, true], await new SqliteTelemetryStore(database).AppendAsync(
                [Reading(0, seq: 100), new TelemetryReading(Some.Tenant, Some.Site, "h2s-1", hourLater, hourLater, hourLater, 4, "ppm", 4, "ppm", "good", 1)],
                CancellationToken.None));
        }

        // A new writer reads the sensor's highest number from its newest readings only (1); a resend of seq 100,
        // re-stamped a minute later, is older than that covers and is looked up all the same.
        await using (var database = SqliteTelemetryDatabase.Open(options, NullLogger<SqliteTelemetryDatabase>.Instance))
        {
            var restamped = Start.AddMinutes(1);
            var inserted = await new SqliteTelemetryStore(database).AppendAsync(
                [
                    new TelemetryReading(Some.Tenant, Some.Site, "h2s-1", restamped, hourLater, restamped, 1, "ppm", 1, "ppm", "good", 100),
                    new TelemetryReading(Some.Tenant, Some.Site, "h2s-1", restamped.AddSeconds(1), hourLater, restamped.AddSeconds(1), 2, "ppm", 2, "ppm", "good", 101),
                ],
                CancellationToken.None);

            Assert.Equal([false, true], inserted);
        }
    }

    [Fact]
    public async Task A_window_of_many_sensors_comes_sensor_by_sensor_in_key_order_with_every_reading_once()
    {
        using var folder = new TempFolder();
        await using var database = SqliteTelemetryDatabase.Open(new TelemetryStorageOptions { DataDirectory = folder.Path, Synchronous = SynchronousMode.Normal }, NullLogger<SqliteTelemetryDatabase>.Instance);
        var store = new SqliteTelemetryStore(database);

        // 100 sensors (several queries' worth), 3 readings each inside the window, one after it.
        var readings = Enumerable.Range(0, 4).SelectMany(i => Enumerable.Range(0, 100).Select(s =>
        {
            var t = Start.AddSeconds((i * 20) + 1);
            return new TelemetryReading(Some.Tenant, Some.Site, $"s-{s:D3}", t, t, t, s + i, "ppm", s + i, "ppm", "good", i);
        })).ToArray();
        await store.AppendAsync(readings, CancellationToken.None);
        var high = await store.ReadHighestIdAsync(CancellationToken.None);

        var sensors = new List<IReadOnlyList<StoredReading>>();
        await foreach (var sensor in store.ReadUnsealedWindowAsync(Start, Start.AddMinutes(1), high, CancellationToken.None))
        {
            sensors.Add(sensor);
        }

        Assert.Equal(Enumerable.Range(0, 100).Select(s => $"s-{s:D3}"), sensors.Select(r => r[0].Reading.SensorId));
        Assert.All(sensors, r =>
        {
            Assert.Equal([0L, 1L, 2L], r.Select(x => x.Reading.Sequence!.Value));
            Assert.All(r, x => Assert.Equal(r[0].Reading.SensorId, x.Reading.SensorId));
        });
    }

    /// <summary>A draft of readings <paramref name="first"/> to <paramref name="last"/> (indexes into <paramref name="ids"/>) as stored by <see cref="StoreThreeAsync"/>.</summary>
    private static BatchDraft Draft(List<long> ids, int first, int last, string sha) =>
        new(Some.Tenant, "h2s-1", Reading(first, null).CorrectedTime, Reading(last, null).CorrectedTime, ids[first], ids[last], last - first + 1, 1, 3, 2, "ppm", sha);

    /// <summary>Stores three readings of one sensor and returns their ids.</summary>
    private static async Task<List<long>> StoreThreeAsync(SqliteTelemetryStore store)
    {
        await store.AppendAsync([Reading(0, seq: 0), Reading(1, seq: 1), Reading(2, seq: 2)], CancellationToken.None);
        return [.. (await store.QueryAsync(Some.Tenant, "h2s-1", Start, Start.AddMinutes(1), CancellationToken.None)).Select(r => r.Id)];
    }

    private static TelemetryReading Reading(int i, long? seq)
    {
        var t = Start.AddMilliseconds(i * 10);
        return new TelemetryReading(Some.Tenant, Some.Site, "h2s-1", t, t, t, 1 + i, "ppm", 1 + i, "ppm", "good", seq);
    }

    private static long PageSizeOf(string path) => long.Parse(Pragma(path, "page_size"), System.Globalization.CultureInfo.InvariantCulture);

    private static string Pragma(string path, string name) => Scalar(path, $"PRAGMA {name}");

    private static string Scalar(string path, string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture)!;
    }

    private static void Execute(string path, string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
