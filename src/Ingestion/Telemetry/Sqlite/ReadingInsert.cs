using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SafetyLedger.Ingestion.Telemetry.Sqlite;

/// <summary>
/// The reading insert and its two duplicate tests, prepared once on SQLite's own API and bound by position
/// (through Microsoft.Data.Sqlite each execution looked its parameters up by name). Indexes name the sensor by its integer key in the <c>sensors</c> table (assigned on its first reading), not by its
/// tenant and id as text.
/// <list type="bullet">
/// <item>Same source time and value: the unique index <c>readings_by_source_key</c> refuses the row as it is
/// inserted (<c>ON CONFLICT DO NOTHING</c>), with no separate look-up. It is keyed by source time first, so its
/// inserts land near one edge instead of on a page per sensor (every page a commit touches goes whole into the WAL).</item>
/// <item>Same sequence number within the duplicate window of source time: looked up in <c>readings_by_sensor_seq</c> only
/// when the number is not above the highest this sensor has stored, which the writer keeps per sensor (read from
/// the index the first time a sensor reports). A counter that only counts up never needs the look-up.</item>
/// </list>
/// Only the writer thread uses an instance.
/// </summary>
internal sealed class ReadingInsert : IDisposable
{
    private const int MaxEncoded = 65_536;
    private const int MaxSensors = 1_000_000;

    private const string InsertSql = """
        INSERT INTO readings (tenant, site, sensor_id, source_ticks, source_offset, received_ticks, corrected_ticks,
                              value, unit, raw_value, raw_unit, quality, seq, sensor_key)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
        ON CONFLICT DO NOTHING
        """;

    // INDEXED BY: left alone, SQLite may answer from another index and scan a sensor's window.
    private const string SequenceSql = """
        SELECT 1 FROM readings INDEXED BY readings_by_sensor_seq
        WHERE sensor_key = ?1 AND seq = ?2 AND source_ticks BETWEEN ?3 AND ?4
        """;

    private const string HighestSequenceSql = """
        SELECT max(seq) FROM readings INDEXED BY readings_by_sensor_seq WHERE sensor_key = ?1 AND seq IS NOT NULL
        """;

    private const string SensorKeySql = """
        INSERT INTO sensors (tenant, sensor_id) VALUES (?1, ?2) ON CONFLICT DO UPDATE SET tenant = excluded.tenant RETURNING key
        """;

    private readonly SqliteConnection connection;
    private readonly sqlite3_stmt insert;
    private readonly sqlite3_stmt sequence;
    private readonly sqlite3_stmt highestSequence;
    private readonly sqlite3_stmt sensorKey;
    private readonly long duplicateWindowTicks;
    private readonly Dictionary<string, byte[]> encoded = new(StringComparer.Ordinal);

    // Per sensor: its key in the sensors table, and at least the highest sequence number stored (rows of a rolled-back
    // group may leave it higher, which only costs a look-up). Forgotten on every rollback: a key assigned inside the
    // rolled-back work no longer exists.
    private readonly Dictionary<(string Tenant, string SensorId), (long Key, long Highest)> sensors = [];

    public ReadingInsert(SqliteConnection connection, TimeSpan duplicateWindow)
    {
        this.connection = connection;
        duplicateWindowTicks = duplicateWindow.Ticks;
        insert = Prepare(InsertSql);
        sequence = Prepare(SequenceSql);
        highestSequence = Prepare(HighestSequenceSql);
        sensorKey = Prepare(SensorKeySql);
    }

    /// <summary>Drops what this instance knows of the sensors; called when the transaction or a savepoint is rolled back.</summary>
    public void Forget() => sensors.Clear();

    /// <summary>Inserts the reading unless it duplicates a stored one; true when it was inserted.</summary>
    public bool Execute(TelemetryReading reading)
    {
        var sensor = Sensor(reading.Tenant, reading.SensorId);
        if (reading.Sequence is { } seq && seq <= sensor.Highest && IsSequenceDuplicate(sensor.Key, reading, seq))
        {
            return false;
        }

        var sourceTicks = reading.SourceTime.UtcTicks;
        try
        {
            BindText(insert, 1, reading.Tenant);
            BindText(insert, 2, reading.Site);
            BindText(insert, 3, reading.SensorId);
            Check(raw.sqlite3_bind_int64(insert, 4, sourceTicks));
            Check(raw.sqlite3_bind_int64(insert, 5, (long)reading.SourceTime.Offset.TotalMinutes));
            Check(raw.sqlite3_bind_int64(insert, 6, reading.ReceivedTime.UtcTicks));
            Check(raw.sqlite3_bind_int64(insert, 7, reading.CorrectedTime.UtcTicks));
            Check(raw.sqlite3_bind_double(insert, 8, reading.Value));
            BindText(insert, 9, reading.Unit);
            Check(raw.sqlite3_bind_double(insert, 10, reading.RawValue));
            BindText(insert, 11, reading.RawUnit);
            BindText(insert, 12, reading.Quality);
            Check(reading.Sequence is { } s ? raw.sqlite3_bind_int64(insert, 13, s) : raw.sqlite3_bind_null(insert, 13));
            Check(raw.sqlite3_bind_int64(insert, 14, sensor.Key));
            Step(insert, raw.SQLITE_DONE);
            if (raw.sqlite3_changes(connection.Handle) != 1)
            {
                return false;
            }
        }
        finally
        {
            // Every parameter is bound again on the next execution, so the bindings need no clearing.
            raw.sqlite3_reset(insert);
        }

        if (reading.Sequence is { } stored && stored > sensor.Highest)
        {
            sensors[(reading.Tenant, reading.SensorId)] = sensor with { Highest = stored };
        }

        return true;
    }

    public void Dispose()
    {
        insert.Dispose();
        sequence.Dispose();
        highestSequence.Dispose();
        sensorKey.Dispose();
    }

    private bool IsSequenceDuplicate(long key, TelemetryReading reading, long seq)
    {
        var sourceTicks = reading.SourceTime.UtcTicks;
        try
        {
            Check(raw.sqlite3_bind_int64(sequence, 1, key));
            Check(raw.sqlite3_bind_int64(sequence, 2, seq));
            Check(raw.sqlite3_bind_int64(sequence, 3, sourceTicks - duplicateWindowTicks));
            Check(raw.sqlite3_bind_int64(sequence, 4, sourceTicks + duplicateWindowTicks));
            return Step(sequence, raw.SQLITE_ROW, raw.SQLITE_DONE) == raw.SQLITE_ROW;
        }
        finally
        {
            raw.sqlite3_reset(sequence);
        }
    }

    /// <summary>The sensor's key (added to the sensors table on its first reading) and its highest stored sequence number.</summary>
    private (long Key, long Highest) Sensor(string tenant, string sensorId)
    {
        if (sensors.TryGetValue((tenant, sensorId), out var known))
        {
            return known;
        }

        if (sensors.Count >= MaxSensors)
        {
            sensors.Clear();
        }

        try
        {
            BindText(sensorKey, 1, tenant);
            BindText(sensorKey, 2, sensorId);
            Step(sensorKey, raw.SQLITE_ROW);
            known.Key = raw.sqlite3_column_int64(sensorKey, 0);
            Step(sensorKey, raw.SQLITE_DONE);
        }
        finally
        {
            raw.sqlite3_reset(sensorKey);
        }

        try
        {
            Check(raw.sqlite3_bind_int64(highestSequence, 1, known.Key));
            Step(highestSequence, raw.SQLITE_ROW);
            known.Highest = raw.sqlite3_column_type(highestSequence, 0) == raw.SQLITE_NULL ? -1 : raw.sqlite3_column_int64(highestSequence, 0);
        }
        finally
        {
            raw.sqlite3_reset(highestSequence);
        }

        sensors.Add((tenant, sensorId), known);
        return known;
    }

    private sqlite3_stmt Prepare(string sql)
    {
        var result = raw.sqlite3_prepare_v2(connection.Handle, sql, out var statement);
        return result == raw.SQLITE_OK ? statement : throw Error(result);
    }

    private int Step(sqlite3_stmt statement, int expected, int alsoExpected = -1)
    {
        var result = raw.sqlite3_step(statement);
        return result == expected || result == alsoExpected ? result : throw Error(result);
    }

    // An empty span has no address and would bind NULL; the string overload binds an empty text.
    private void BindText(sqlite3_stmt statement, int index, string text) =>
        Check(text.Length == 0 ? raw.sqlite3_bind_text(statement, index, text) : raw.sqlite3_bind_text(statement, index, Utf8(text)));

    /// <summary>
    /// The UTF-8 bytes of a text value, encoded once: a reading's text columns (tenant, site, sensor, units, quality)
    /// come from a small set, and binding a string would encode it into a new array on every execution.
    /// </summary>
    private byte[] Utf8(string text)
    {
        if (!encoded.TryGetValue(text, out var bytes))
        {
            if (encoded.Count >= MaxEncoded)
            {
                encoded.Clear();
            }

            bytes = Encoding.UTF8.GetBytes(text);
            encoded.Add(text, bytes);
        }

        return bytes;
    }

    private void Check(int result)
    {
        if (result != raw.SQLITE_OK)
        {
            throw Error(result);
        }
    }

    private SqliteException Error(int result) =>
        new($"SQLite Error {result}: '{raw.sqlite3_errmsg(connection.Handle).utf8_to_string()}'.", result);
}
