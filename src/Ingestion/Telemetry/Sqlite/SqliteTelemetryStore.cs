using Microsoft.Data.Sqlite;

namespace SafetyLedger.Ingestion.Telemetry.Sqlite;

/// <summary>The embedded <see cref="ITelemetryStore"/> on <c>telemetry.db</c>.</summary>
public sealed class SqliteTelemetryStore(SqliteTelemetryDatabase database) : ITelemetryStore
{
    private const string ReadingColumns = """
        id, tenant, site, sensor_id, source_ticks, source_offset, received_ticks, corrected_ticks,
        value, unit, raw_value, raw_unit, quality, seq, batch_id
        """;

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

    public Task<IReadOnlyList<StoredReading>> ReadUnsealedAsync(DateTimeOffset before, int maxCount, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredReading>>(database.Read(
            $"SELECT {ReadingColumns} FROM readings WHERE batch_id IS NULL AND corrected_ticks < $before ORDER BY tenant, sensor_id, corrected_ticks, id LIMIT $n",
            p =>
            {
                p.AddWithValue("$before", before.UtcTicks);
                p.AddWithValue("$n", maxCount);
            },
            MapReading));

    public Task<IReadOnlyList<TelemetryBatch>> CreateBatchesAsync(IReadOnlyList<BatchDraft> drafts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(drafts);
        return database.WriteAsync<IReadOnlyList<TelemetryBatch>>(w => drafts.Select(w.InsertBatch).ToArray(), cancellationToken);
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

    public Task<IReadOnlyList<StoredReading>> ReadBatchReadingsAsync(long batchId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredReading>>(database.Read(
            $"SELECT {ReadingColumns} FROM readings WHERE batch_id = $b ORDER BY corrected_ticks, id",
            p => p.AddWithValue("$b", batchId),
            MapReading));

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
        return new StoredReading(r.GetInt64(0), reading, r.IsDBNull(14) ? null : r.GetInt64(14));
    }

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
