using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace SafetyLedger.Ingestion.Telemetry.Sqlite;

/// <summary>The embedded <see cref="ITelemetryStore"/> on <c>telemetry.db</c>.</summary>
public sealed class SqliteTelemetryStore(SqliteTelemetryDatabase database) : ITelemetryStore
{
    private const string ReadingColumns = """
        id, tenant, site, sensor_id, source_ticks, source_offset, received_ticks, corrected_ticks,
        value, unit, raw_value, raw_unit, quality, seq
        """;

    private const string JoinedReadingColumns = """
        r.id, r.tenant, r.site, r.sensor_id, r.source_ticks, r.source_offset, r.received_ticks, r.corrected_ticks,
        r.value, r.unit, r.raw_value, r.raw_unit, r.quality, r.seq
        """;

    // Sensors read per query when sealing a window (each query one read transaction).
    private const int SensorsPerWindowQuery = 32;

    private const string BatchColumns = "id, tenant, sensor_id, stream_version, from_ticks, to_ticks, count, min, max, mean, unit, sha256, ledger_position";

    public Task<IReadOnlyList<bool>> AppendAsync(IReadOnlyList<TelemetryReading> readings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readings);
        return database.WriteAsync<IReadOnlyList<bool>>(w => readings.Select(w.InsertReading).ToArray(), cancellationToken);
    }

    public Task<IReadOnlyList<StoredReading>> QueryAsync(string tenant, string sensorId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredReading>>(database.Read(
            $"SELECT {ReadingColumns} FROM readings WHERE sensor_key = (SELECT key FROM sensors WHERE tenant = $t AND sensor_id = $s) AND corrected_ticks >= $from AND corrected_ticks < $to ORDER BY corrected_ticks, id",
            p =>
            {
                p.AddWithValue("$t", tenant);
                p.AddWithValue("$s", sensorId);
                p.AddWithValue("$from", from.UtcTicks);
                p.AddWithValue("$to", until.UtcTicks);
            },
            MapReading));

    public Task<IReadOnlyDictionary<string, ReadingCounts>> CountReadingsAsync(
        string tenant, IReadOnlyDictionary<string, TimeSpan> slots, DateTimeOffset from, DateTimeOffset until, TimeSpan timeliness, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(slots);

        // One statement for the tenant: the sensors and their slot lengths come in as a JSON object, each sensor's
        // readings through its time index (at 10,000 sensors, one statement instead of 10,000 per period).
        var lengths = JsonSerializer.Serialize(slots.ToDictionary(s => s.Key, s => Math.Max(1, s.Value.Ticks), StringComparer.Ordinal), IngestionJsonContext.Default.DictionaryStringInt64);
        return Task.FromResult<IReadOnlyDictionary<string, ReadingCounts>>(database.Read(
            """
            SELECT s.sensor_id, count(*), count(DISTINCT (r.corrected_ticks - $from) / j.value), coalesce(sum(r.received_ticks - r.corrected_ticks <= $sla), 0)
            FROM json_each($slots) j
            JOIN sensors s ON s.tenant = $t AND s.sensor_id = j.key
            CROSS JOIN readings r INDEXED BY readings_by_sensor_time_seq
            WHERE r.sensor_key = s.key AND r.corrected_ticks >= $from AND r.corrected_ticks < $to
            GROUP BY s.sensor_id
            """,
            p =>
            {
                p.AddWithValue("$t", tenant);
                p.AddWithValue("$slots", lengths);
                p.AddWithValue("$from", from.UtcTicks);
                p.AddWithValue("$to", until.UtcTicks);
                p.AddWithValue("$sla", timeliness.Ticks);
            },
            r => (Sensor: r.GetString(0), Counts: new ReadingCounts(r.GetInt64(1), r.GetInt64(2), r.GetInt64(3))))
            .ToDictionary(c => c.Sensor, c => c.Counts, StringComparer.Ordinal));
    }

    public Task<SealProgress> ReadSealProgressAsync(CancellationToken cancellationToken) =>
        Task.FromResult(database.Read(
            "SELECT cutoff_ticks, high_id FROM seal_progress WHERE id = 0",
            _ => { },
            r => new SealProgress(Utc(r.GetInt64(0)), r.GetInt64(1)))[0]);

    public Task<long> ReadHighestIdAsync(CancellationToken cancellationToken) =>
        Task.FromResult(database.Read("SELECT coalesce(max(id), 0) FROM readings", _ => { }, r => r.GetInt64(0))[0]);

    public Task<DateTimeOffset?> NextUnsealedAsync(DateTimeOffset from, long highId, CancellationToken cancellationToken) =>
        Task.FromResult(database.Read(
            """
            SELECT corrected_ticks FROM readings INDEXED BY readings_unsealed
            WHERE batch_id IS NULL AND corrected_ticks >= $from AND id <= $high ORDER BY corrected_ticks LIMIT 1
            """,
            p =>
            {
                p.AddWithValue("$from", from.UtcTicks);
                p.AddWithValue("$high", highId);
            },
            r => (DateTimeOffset?)Utc(r.GetInt64(0))).FirstOrDefault());

    public async IAsyncEnumerable<IReadOnlyList<StoredReading>> ReadUnsealedWindowAsync(DateTimeOffset from, DateTimeOffset until, long highId, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await Task.Yield();

        // A few sensors per query, each query its own short read transaction: one query for the whole window held a
        // read transaction for as long as the sealer took over every sensor, and the WAL could not be started over
        // meanwhile (it grew by ~200 MB at 10,000 readings/s). Rows up to highId are all committed (one writer), so
        // the queries see the same readings whenever they run.
        var keys = database.Read("SELECT key FROM sensors ORDER BY key", _ => { }, r => r.GetInt64(0));
        foreach (var group in keys.Chunk(SensorsPerWindowQuery))
        {
            // Sensor by sensor (CROSS JOIN keeps that order), each through its time index: rows come in canonical order, unsorted.
            var rows = database.Stream(
                $"""
                SELECT {JoinedReadingColumns} FROM sensors s CROSS JOIN readings r INDEXED BY readings_by_sensor_time_seq
                WHERE s.key BETWEEN $first AND $last AND r.sensor_key = s.key
                  AND r.corrected_ticks >= $from AND r.corrected_ticks < $until AND r.id <= $high AND r.batch_id IS NULL
                ORDER BY s.key, r.corrected_ticks, r.id
                """,
                p =>
                {
                    p.AddWithValue("$first", group[0]);
                    p.AddWithValue("$last", group[^1]);
                    p.AddWithValue("$from", from.UtcTicks);
                    p.AddWithValue("$until", until.UtcTicks);
                    p.AddWithValue("$high", highId);
                },
                MapReading);
            List<StoredReading>? sensor = null;
            foreach (var row in rows)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (sensor is not null && !SameSensor(sensor[0].Reading, row.Reading))
                {
                    yield return sensor;
                    sensor = null;
                }

                (sensor ??= []).Add(row);
            }

            if (sensor is not null)
            {
                yield return sensor;
            }
        }
    }

    public Task<IReadOnlyList<StoredReading>> ReadLateAsync(long afterId, long throughId, DateTimeOffset before, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredReading>>(database.Read(
            $"SELECT {ReadingColumns} FROM readings WHERE id > $after AND id <= $through AND corrected_ticks < $before AND batch_id IS NULL ORDER BY tenant, sensor_id, corrected_ticks, id",
            p =>
            {
                p.AddWithValue("$after", afterId);
                p.AddWithValue("$through", throughId);
                p.AddWithValue("$before", before.UtcTicks);
            },
            MapReading));

    public Task<IReadOnlyList<TelemetryBatch>> CreateBatchesAsync(IReadOnlyList<BatchDraft> drafts, SealProgress? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        return database.WriteAsync<IReadOnlyList<TelemetryBatch>>(
            w =>
            {
                var batches = drafts.Select(w.InsertBatch).ToArray();
                if (progress is not null)
                {
                    w.SetSealProgress(progress);
                }

                return batches;
            },
            cancellationToken);
    }

    public Task SetLedgerPositionsAsync(IReadOnlyList<(long BatchId, long Position)> positions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(positions);
        return database.WriteAsync(
            w =>
            {
                foreach (var (batchId, position) in positions)
                {
                    w.SetLedgerPosition(batchId, position);
                }

                return true;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<TelemetryBatch>> ReadBatchesAsync(long afterId, int maxCount, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TelemetryBatch>>(database.Read(
            $"SELECT {BatchColumns} FROM batches WHERE id > $after ORDER BY id LIMIT $n",
            p =>
            {
                p.AddWithValue("$after", afterId);
                p.AddWithValue("$n", maxCount);
            },
            MapBatch));

    public Task<IReadOnlyList<TelemetryBatch>> ReadBatchesAsync(string tenant, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TelemetryBatch>>(database.Read(
            $"SELECT {BatchColumns} FROM batches WHERE tenant = $t AND from_ticks < $until AND to_ticks >= $from ORDER BY id",
            p =>
            {
                p.AddWithValue("$t", tenant);
                p.AddWithValue("$from", from.UtcTicks);
                p.AddWithValue("$until", until.UtcTicks);
            },
            MapBatch));

    public Task<IReadOnlyList<TelemetryBatch>> ReadUnrecordedBatchesAsync(CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<TelemetryBatch>>(database.Read(
            $"SELECT {BatchColumns} FROM batches WHERE ledger_position IS NULL ORDER BY id",
            _ => { },
            MapBatch));

    public Task<IReadOnlyList<StoredReading>> ReadBatchReadingsAsync(long batchId, CancellationToken cancellationToken)
    {
        var range = database.Read(
            "SELECT sensor_key, from_ticks, to_ticks, first_id, last_id FROM batches WHERE id = $b AND first_id IS NOT NULL",
            p => p.AddWithValue("$b", batchId),
            r => (Key: r.GetInt64(0), From: r.GetInt64(1), To: r.GetInt64(2), First: r.GetInt64(3), Last: r.GetInt64(4)));
        if (range.Count == 0)
        {
            // Sealed before schema 5 (or no such batch): the readings carry the batch's id.
            return Task.FromResult<IReadOnlyList<StoredReading>>(database.Read(
                $"SELECT {ReadingColumns} FROM readings WHERE batch_id = $b ORDER BY corrected_ticks, id",
                p => p.AddWithValue("$b", batchId),
                MapReading));
        }

        var (key, from, to, first, last) = range[0];
        return Task.FromResult<IReadOnlyList<StoredReading>>(database.Read(
            $"""
            SELECT {ReadingColumns} FROM readings INDEXED BY readings_by_sensor_time_seq
            WHERE sensor_key = $k AND corrected_ticks BETWEEN $from AND $to AND id BETWEEN $first AND $last AND batch_id IS NULL
            ORDER BY corrected_ticks, id
            """,
            p =>
            {
                p.AddWithValue("$k", key);
                p.AddWithValue("$from", from);
                p.AddWithValue("$to", to);
                p.AddWithValue("$first", first);
                p.AddWithValue("$last", last);
            },
            MapReading));
    }

    public Task<IReadOnlyDictionary<string, long>> CountDuplicatesAsync(string tenant, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, long>>(database.Read(
            "SELECT sensor_id, sum(count) FROM duplicate_counts WHERE tenant = $t AND hour_ticks >= $from AND hour_ticks < $to GROUP BY sensor_id",
            p =>
            {
                p.AddWithValue("$t", tenant);
                p.AddWithValue("$from", from.UtcTicks);
                p.AddWithValue("$to", until.UtcTicks);
            },
            r => (Sensor: r.GetString(0), Count: r.GetInt64(1))).ToDictionary(x => x.Sensor, x => x.Count, StringComparer.Ordinal));

    internal static DateTimeOffset Utc(long ticks) => new(ticks, TimeSpan.Zero);

    private static StoredReading MapReading(SqliteDataReader r)
    {
        var offset = TimeSpan.FromMinutes(r.GetInt64(5));
        var reading = new TelemetryReading(
            r.GetString(1),
            r.GetString(2),
            r.GetString(3),
            Utc(r.GetInt64(4)).ToOffset(offset),
            Utc(r.GetInt64(6)),
            Utc(r.GetInt64(7)),
            r.GetDouble(8),
            r.GetString(9),
            r.GetDouble(10),
            r.GetString(11),
            r.GetString(12),
            r.IsDBNull(13) ? null : r.GetInt64(13));
        return new StoredReading(r.GetInt64(0), reading);
    }

    private static bool SameSensor(TelemetryReading a, TelemetryReading b) =>
        string.Equals(a.SensorId, b.SensorId, StringComparison.Ordinal) && string.Equals(a.Tenant, b.Tenant, StringComparison.Ordinal);

    private static TelemetryBatch MapBatch(SqliteDataReader r) => new(
        r.GetInt64(0),
        r.GetString(1),
        r.GetString(2),
        r.GetInt64(3),
        Utc(r.GetInt64(4)),
        Utc(r.GetInt64(5)),
        r.GetInt32(6),
        r.GetDouble(7),
        r.GetDouble(8),
        r.GetDouble(9),
        r.GetString(10),
        r.GetString(11),
        r.IsDBNull(12) ? null : r.GetInt64(12));
}
