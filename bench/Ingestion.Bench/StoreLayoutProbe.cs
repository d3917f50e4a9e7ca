using System.Diagnostics;
using System.Globalization;
using SQLitePCL;

namespace SafetyLedger.Ingestion.Bench;

/// <summary>
/// What each part of the readings table costs: the same rows inserted with SQLite's own API into a fresh file laid out
/// like <c>telemetry.db</c> (1 KiB pages, WAL, <c>synchronous = FULL</c>, checkpoint every 100 commits), once per
/// layout, each leaving out or changing one thing. CPU per row includes the kernel's WAL writes and fsyncs.
/// </summary>
internal static class StoreLayoutProbe
{
    private static readonly string[] Layouts =
    [
        "table only",
        "+ readings_by_time",
        "+ readings_by_seq",
        "+ readings_by_source_value",
        "+ readings_unsealed",
        "all indexes, no duplicate tests",
        "all indexes, both tests as NOT EXISTS look-ups (schema 2)",
        "all indexes, unique time-and-value index (schema 3, counter counts up)",
        "schema 3 with integer sensor keys",
        "schema 5 as stored: text names and integer key, + readings_unsealed",
        "schema 6: seq in readings_by_sensor_time, no seq index, text names",
        "schema 6 without text names",
        "clustered by sensor (WITHOUT ROWID), no seq index, no text names",
    ];

    public static int Run(BenchOptions o)
    {
        Batteries_V2.Init();
        var folder = Directory.CreateTempSubdirectory("store-layout-");
        try
        {
            Console.WriteLine(Line($"store layout probe: {o.Messages} rows, {o.Sensors} sensors, {o.InFlight} rows per commit; {Load.Average()}"));
            foreach (var layout in Layouts)
            {
                Console.WriteLine(Measure(layout, Path.Combine(folder.FullName, $"{Array.IndexOf(Layouts, layout)}.db"), o));
            }

            return 0;
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string Measure(string layout, string path, BenchOptions o)
    {
        var integerKeys = layout.Contains("integer", StringComparison.Ordinal) || layout.StartsWith("schema 5", StringComparison.Ordinal) || layout.StartsWith("schema 6", StringComparison.Ordinal) || layout.StartsWith("clustered", StringComparison.Ordinal);
        var all = layout.StartsWith("all", StringComparison.Ordinal) || layout.StartsWith("schema", StringComparison.Ordinal);
        var notExists = layout.Contains("NOT EXISTS", StringComparison.Ordinal);
        var unique = layout.Contains("unique", StringComparison.Ordinal) || integerKeys;

        Check(raw.sqlite3_open(path, out var db), db);
        using (db)
        {
            Check(raw.sqlite3_prepare_v2(db, Create(db, layout, integerKeys, all, notExists, unique), out var insert), db);
            using (insert)
            {
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                Insert(db, insert, o, integerKeys, notExists);
                var seconds = clock.Elapsed.TotalSeconds;
                var cpuUs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / o.Messages;
                return Line($"  {layout,-72} {o.Messages / seconds,9:N0} rows/s  {cpuUs,6:F1} µs CPU per row");
            }
        }
    }

    /// <summary>Creates the layout's table and indexes; returns its insert statement.</summary>
    private static string Create(sqlite3 db, string layout, bool integerKeys, bool all, bool notExists, bool unique)
    {
        var textNames = layout.Contains("text names", StringComparison.Ordinal) && !layout.Contains("no text names", StringComparison.Ordinal) && !layout.Contains("without text names", StringComparison.Ordinal);
        var seqInTime = layout.StartsWith("schema 6", StringComparison.Ordinal) || layout.StartsWith("clustered", StringComparison.Ordinal);
        var clustered = layout.StartsWith("clustered", StringComparison.Ordinal);
        var sensor = integerKeys ? "sensor_key" : "tenant, sensor_id";
        var sensorMatch = integerKeys ? "sensor_key = ?1" : "tenant = ?1 AND sensor_id = ?3";
        Exec(db, "PRAGMA page_size = 1024; PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 0;");
        Exec(db, $"""
            CREATE TABLE readings (id INTEGER {(clustered ? "NOT NULL" : "PRIMARY KEY")}, {(integerKeys ? "sensor_key INTEGER NOT NULL" : "tenant TEXT NOT NULL, sensor_id TEXT NOT NULL")},
                {(textNames ? "tenant TEXT, sensor_id TEXT," : "")}
                site TEXT NOT NULL, source_ticks INTEGER NOT NULL, source_offset INTEGER NOT NULL, received_ticks INTEGER NOT NULL,
                corrected_ticks INTEGER NOT NULL, value REAL NOT NULL, unit TEXT NOT NULL, raw_value REAL NOT NULL, raw_unit TEXT NOT NULL,
                quality TEXT NOT NULL, seq INTEGER, batch_id INTEGER{(clustered ? ", PRIMARY KEY (sensor_key, corrected_ticks, id)) WITHOUT ROWID" : ")")}
            """);
        if (!clustered && (all || seqInTime || layout.Contains("by_time", StringComparison.Ordinal)))
        {
            Exec(db, $"CREATE INDEX readings_by_time ON readings ({sensor}, corrected_ticks{(seqInTime ? ", seq" : "")})");
        }

        if (!seqInTime && (all || layout.Contains("by_seq", StringComparison.Ordinal)))
        {
            Exec(db, $"CREATE INDEX readings_by_seq ON readings ({sensor}, seq) WHERE seq IS NOT NULL");
        }

        if (all || clustered || layout.Contains("source_value", StringComparison.Ordinal))
        {
            Exec(db, $"CREATE {(unique ? "UNIQUE " : "")}INDEX readings_by_source_value ON readings (source_ticks, {sensor}, raw_value)");
        }

        if (all || clustered || layout.Contains("unsealed", StringComparison.Ordinal))
        {
            Exec(db, "CREATE INDEX readings_unsealed ON readings (corrected_ticks) WHERE batch_id IS NULL");
        }

        var columns = (clustered ? "id, " : "") + (integerKeys ? "sensor_key" : "tenant, sensor_id") + (textNames ? ", tenant, sensor_id" : "");
        var keys = (clustered ? "?16, " : "") + (integerKeys ? "?1" : "?1, ?3") + (textNames ? ", 'acme-chem', ?3" : "");
        return notExists
            ? $"""
                INSERT INTO readings ({columns}, site, source_ticks, source_offset, received_ticks, corrected_ticks, value, unit, raw_value, raw_unit, quality, seq)
                SELECT {keys}, ?2, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13
                WHERE NOT EXISTS (SELECT 1 FROM readings INDEXED BY readings_by_source_value WHERE source_ticks = ?4 AND {sensorMatch} AND raw_value = ?10)
                  AND (?13 IS NULL OR NOT EXISTS (SELECT 1 FROM readings INDEXED BY readings_by_seq WHERE {sensorMatch} AND seq = ?13 AND source_ticks BETWEEN ?14 AND ?15))
                """
            : $"""
                INSERT INTO readings ({columns}, site, source_ticks, source_offset, received_ticks, corrected_ticks, value, unit, raw_value, raw_unit, quality, seq)
                VALUES ({keys}, ?2, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13){(unique ? " ON CONFLICT DO NOTHING" : "")}
                """;
    }

    private static void Insert(sqlite3 db, sqlite3_stmt insert, BenchOptions o, bool integerKeys, bool notExists)
    {
        var names = Enumerable.Range(0, o.Sensors).Select(i => $"sensor-{i:D4}").ToArray();
        var start = DateTimeOffset.UtcNow.UtcTicks;
        var seqs = new long[o.Sensors];
        for (var row = 0; row < o.Messages;)
        {
            Exec(db, "BEGIN");
            for (var k = 0; k < o.InFlight && row < o.Messages; k++, row++)
            {
                var s = row % o.Sensors;
                var ticks = start + (row * 500L);
                if (integerKeys)
                {
                    raw.sqlite3_bind_int64(insert, 1, s + 1);
                    raw.sqlite3_bind_text(insert, 3, names[s]);
                    raw.sqlite3_bind_int64(insert, 16, row + 1);
                }
                else
                {
                    raw.sqlite3_bind_text(insert, 1, "acme-chem");
                    raw.sqlite3_bind_text(insert, 3, names[s]);
                }

                raw.sqlite3_bind_text(insert, 2, "plant-1");
                raw.sqlite3_bind_int64(insert, 4, ticks);
                raw.sqlite3_bind_int64(insert, 5, 0);
                raw.sqlite3_bind_int64(insert, 6, ticks + 30_000);
                raw.sqlite3_bind_int64(insert, 7, ticks);
                raw.sqlite3_bind_double(insert, 8, 1.5 + (row % 7));
                raw.sqlite3_bind_text(insert, 9, "ppm");
                raw.sqlite3_bind_double(insert, 10, 1.5 + (row % 7));
                raw.sqlite3_bind_text(insert, 11, "ppm");
                raw.sqlite3_bind_text(insert, 12, "good");
                raw.sqlite3_bind_int64(insert, 13, ++seqs[s]);
                if (notExists)
                {
                    raw.sqlite3_bind_int64(insert, 14, ticks - TimeSpan.TicksPerMinute * 10);
                    raw.sqlite3_bind_int64(insert, 15, ticks + TimeSpan.TicksPerMinute * 10);
                }

                if (raw.sqlite3_step(insert) != raw.SQLITE_DONE)
                {
                    throw new InvalidOperationException(raw.sqlite3_errmsg(db).utf8_to_string());
                }

                raw.sqlite3_reset(insert);
            }

            Exec(db, "COMMIT");
            if ((row / o.InFlight) % 100 == 0)
            {
                Exec(db, "PRAGMA wal_checkpoint(PASSIVE)");
            }
        }
    }

    private static void Exec(sqlite3 db, string sql) => Check(raw.sqlite3_exec(db, sql), db);

    private static void Check(int result, sqlite3 db)
    {
        if (result != raw.SQLITE_OK)
        {
            throw new InvalidOperationException($"SQLite error {result}: {raw.sqlite3_errmsg(db).utf8_to_string()}");
        }
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
