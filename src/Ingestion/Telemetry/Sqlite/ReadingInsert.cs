using System.Text;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SafetyLedger.Ingestion.Telemetry.Sqlite;

/// <summary>
/// The reading insert with both duplicate tests in one statement, prepared once on SQLite's own API and bound
/// by position. Through Microsoft.Data.Sqlite the same statement looked each of its 15 parameters up by name on
/// every execution (about 3 % of the whole process in a profile of sustained ingestion).
/// </summary>
internal sealed class ReadingInsert : IDisposable
{
    private const int MaxEncoded = 65_536;

    // The time-and-value test seeks readings_by_source_time, keyed by source time first so that its inserts land
    // near one edge of the index instead of on a page per sensor (every page a commit touches is written whole into
    // the WAL). INDEXED BY: left alone, SQLite may answer either test from another index and scan a sensor's window.
    private const string Sql = """
        INSERT INTO readings (tenant, site, sensor_id, source_ticks, source_offset, received_ticks, corrected_ticks,
                              value, unit, raw_value, raw_unit, quality, seq)
        SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13
        WHERE NOT EXISTS (SELECT 1 FROM readings INDEXED BY readings_by_source_time
                WHERE source_ticks = ?4 AND sensor_id = ?3 AND tenant = ?1 AND raw_value = ?10)
          AND (?13 IS NULL OR NOT EXISTS (SELECT 1 FROM readings INDEXED BY readings_by_seq
                WHERE tenant = ?1 AND sensor_id = ?3 AND seq = ?13 AND source_ticks BETWEEN ?14 AND ?15))
        """;

    private readonly SqliteConnection connection;
    private readonly sqlite3_stmt statement;
    private readonly long duplicateWindowTicks;
    private readonly Dictionary<string, byte[]> encoded = new(StringComparer.Ordinal);

    public ReadingInsert(SqliteConnection connection, TimeSpan duplicateWindow)
    {
        this.connection = connection;
        duplicateWindowTicks = duplicateWindow.Ticks;
        var result = raw.sqlite3_prepare_v2(connection.Handle, Sql, out statement);
        if (result != raw.SQLITE_OK)
        {
            throw Error(result);
        }
    }

    /// <summary>Inserts the reading unless it duplicates a stored one; true when it was inserted.</summary>
    public bool Execute(TelemetryReading reading)
    {
        var sourceTicks = reading.SourceTime.UtcTicks;
        try
        {
            BindText(1, reading.Tenant);
            BindText(2, reading.Site);
            BindText(3, reading.SensorId);
            Check(raw.sqlite3_bind_int64(statement, 4, sourceTicks));
            Check(raw.sqlite3_bind_int64(statement, 5, (long)reading.SourceTime.Offset.TotalMinutes));
            Check(raw.sqlite3_bind_int64(statement, 6, reading.ReceivedTime.UtcTicks));
            Check(raw.sqlite3_bind_int64(statement, 7, reading.CorrectedTime.UtcTicks));
            Check(raw.sqlite3_bind_double(statement, 8, reading.Value));
            BindText(9, reading.Unit);
            Check(raw.sqlite3_bind_double(statement, 10, reading.RawValue));
            BindText(11, reading.RawUnit);
            BindText(12, reading.Quality);
            Check(reading.Sequence is { } seq ? raw.sqlite3_bind_int64(statement, 13, seq) : raw.sqlite3_bind_null(statement, 13));
            Check(raw.sqlite3_bind_int64(statement, 14, sourceTicks - duplicateWindowTicks));
            Check(raw.sqlite3_bind_int64(statement, 15, sourceTicks + duplicateWindowTicks));
            var result = raw.sqlite3_step(statement);
            if (result != raw.SQLITE_DONE)
            {
                throw Error(result);
            }

            return raw.sqlite3_changes(connection.Handle) == 1;
        }
        finally
        {
            // Every parameter is bound again on the next execution, so the bindings need no clearing.
            raw.sqlite3_reset(statement);
        }
    }

    public void Dispose() => statement.Dispose();

    // An empty span has no address and would bind NULL; the string overload binds an empty text.
    private void BindText(int index, string text) =>
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
