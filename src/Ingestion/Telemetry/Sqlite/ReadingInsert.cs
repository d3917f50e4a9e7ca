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
/// <item>Same sequence number within the duplicate window of corrected time: looked up in the sensor's window of
/// <c>readings_by_sensor_time_seq (sensor_key, corrected_ticks, seq)</c>, which carries the number so the look-up reads no
/// rows, and only when the number is not above the highest this sensor has stored recently. A resend repeats its time
/// and value, so the look-up first seeks it in <c>readings_by_source_key</c>. The writer keeps the highest number per
/// sensor, read the first time a sensor reports from two duplicate windows back from its newest reading (a reading older
/// than that is always looked up), and read again from a reading's window on when the highest is older than the window
/// (a device that restarted its numbering stops being looked up once its old numbers are out of the window). A counter
/// that only counts up never needs the look-up.
/// (Schema 6: until then a second index keyed by sensor, <c>(sensor_key, seq)</c>, served the look-up; each index keyed
/// by sensor rewrites a page per reporting sensor on every commit, and dropping it took the store from 14.0 to 9.8 µs
/// CPU per reading in the store-layout probe.)</item>
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

    // A resend repeats its time and value: one seek in the unique index finds it. Anything else reads the sensor's
    // entries in the window. INDEXED BY: left alone, SQLite may answer from another index and read rows.
    private const string SequenceSql = """
        SELECT EXISTS (SELECT 1 FROM readings INDEXED BY readings_by_source_key WHERE source_ticks = ?5 AND sensor_key = ?1 AND raw_value = ?6)
            OR EXISTS (SELECT 1 FROM readings INDEXED BY readings_by_sensor_time_seq WHERE sensor_key = ?1 AND corrected_ticks BETWEEN ?3 AND ?4 AND seq = ?2)
        """;

    private const string NewestSql = """
        SELECT max(corrected_ticks) FROM readings INDEXED BY readings_by_sensor_time_seq WHERE sensor_key = ?1
        """;

    // The highest sequence number from a corrected time on, and when it was read.
    private const string HighestSequenceSql = """
        SELECT seq, corrected_ticks FROM readings INDEXED BY readings_by_sensor_time_seq
        WHERE sensor_key = ?1 AND corrected_ticks >= ?2 AND seq IS NOT NULL
        ORDER BY seq DESC LIMIT 1
        """;

    private const string SensorKeySql = """
        INSERT INTO sensors (tenant, sensor_id) VALUES (?1, ?2) ON CONFLICT DO UPDATE SET tenant = excluded.tenant RETURNING key
        """;

    private readonly SqliteConnection connection;
    private readonly sqlite3_stmt insert;
    private readonly sqlite3_stmt sequence;
    private readonly sqlite3_stmt newest;
    private readonly sqlite3_stmt highestSequence;
    private readonly sqlite3_stmt sensorKey;
    private readonly long duplicateWindowTicks;
    private readonly Dictionary<string, byte[]> encoded = new(StringComparer.Ordinal);

    // Per sensor: its key in the sensors table and its sequence watermark. Forgotten on every rollback: a key assigned
    // inside the rolled-back work no longer exists, and the watermark may mark numbers whose rows are gone.
    private readonly Dictionary<(string Tenant, string SensorId), SensorState> sensors = [];

    public ReadingInsert(SqliteConnection connection, TimeSpan duplicateWindow)
    {
        this.connection = connection;
        duplicateWindowTicks = duplicateWindow.Ticks;
        insert = Prepare(InsertSql);
        sequence = Prepare(SequenceSql);
        newest = Prepare(NewestSql);
        highestSequence = Prepare(HighestSequenceSql);
        sensorKey = Prepare(SensorKeySql);
    }

    /// <summary>Drops what this instance knows of the sensors; called when the transaction or a savepoint is rolled back.</summary>
    public void Forget() => sensors.Clear();

    /// <summary>Inserts the reading unless it duplicates a stored one; true when it was inserted.</summary>
    public bool Execute(TelemetryReading reading)
    {
        var sensor = Sensor(reading.Tenant, reading.SensorId);
        var windowStart = reading.CorrectedTime.UtcTicks - duplicateWindowTicks;
        if (reading.Sequence is { } seq && sensor.Sequences.IsStale(seq, windowStart))
        {
            // The highest number is older than this reading's window (a device that restarted its numbering): read the
            // highest from the window on, so the numbers counting up again need no look-up.
            sensor = sensor with { Sequences = Highest(sensor.Key, windowStart) };
            sensors[(reading.Tenant, reading.SensorId)] = sensor;
        }

        if (reading.Sequence is { } number
            && sensor.Sequences.MayHold(number, windowStart)
            && IsSequenceDuplicate(sensor.Key, reading, number))
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

        if (reading.Sequence is { } stored)
        {
            sensors[(reading.Tenant, reading.SensorId)] = sensor with { Sequences = sensor.Sequences.Stored(stored, reading.CorrectedTime.UtcTicks) };
        }

        return true;
    }

    public void Dispose()
    {
        insert.Dispose();
        sequence.Dispose();
        newest.Dispose();
        highestSequence.Dispose();
        sensorKey.Dispose();
    }

    private bool IsSequenceDuplicate(long key, TelemetryReading reading, long seq)
    {
        var correctedTicks = reading.CorrectedTime.UtcTicks;
        try
        {
            Check(raw.sqlite3_bind_int64(sequence, 1, key));
            Check(raw.sqlite3_bind_int64(sequence, 2, seq));
            Check(raw.sqlite3_bind_int64(sequence, 3, correctedTicks - duplicateWindowTicks));
            Check(raw.sqlite3_bind_int64(sequence, 4, correctedTicks + duplicateWindowTicks));
            Check(raw.sqlite3_bind_int64(sequence, 5, reading.SourceTime.UtcTicks));
            Check(raw.sqlite3_bind_double(sequence, 6, reading.RawValue));
            Step(sequence, raw.SQLITE_ROW);
            return raw.sqlite3_column_int64(sequence, 0) != 0;
        }
        finally
        {
            raw.sqlite3_reset(sequence);
        }
    }

    /// <summary>The sensor's key (added to the sensors table on its first reading) and its highest recent sequence number.</summary>
    private SensorState Sensor(string tenant, string sensorId)
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

        long? newestTicks;
        try
        {
            Check(raw.sqlite3_bind_int64(newest, 1, known.Key));
            Step(newest, raw.SQLITE_ROW);
            newestTicks = raw.sqlite3_column_type(newest, 0) == raw.SQLITE_NULL ? null : raw.sqlite3_column_int64(newest, 0);
        }
        finally
        {
            raw.sqlite3_reset(newest);
        }

        // Two windows back from the sensor's newest reading: a reading within a window of the newest needs nothing older.
        known.Sequences = newestTicks is { } ticks ? Highest(known.Key, ticks - (2 * duplicateWindowTicks)) : SequenceWatermark.Empty(long.MinValue);
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

    /// <summary>The sensor with its highest sequence number stored at or after <paramref name="from"/> (corrected ticks).</summary>
    private SequenceWatermark Highest(long key, long from)
    {
        try
        {
            Check(raw.sqlite3_bind_int64(highestSequence, 1, key));
            Check(raw.sqlite3_bind_int64(highestSequence, 2, from));
            return Step(highestSequence, raw.SQLITE_ROW, raw.SQLITE_DONE) == raw.SQLITE_ROW
                ? SequenceWatermark.Read(raw.sqlite3_column_int64(highestSequence, 0), raw.sqlite3_column_int64(highestSequence, 1), from)
                : SequenceWatermark.Empty(from);
        }
        finally
        {
            raw.sqlite3_reset(highestSequence);
        }
    }

    /// <summary>What the writer keeps of a sensor: its key and what it knows of its sequence numbers.</summary>
    private record struct SensorState(long Key, SequenceWatermark Sequences);
}
