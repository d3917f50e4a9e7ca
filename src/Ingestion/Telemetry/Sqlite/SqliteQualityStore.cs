using System.Text.Json;
using SafetyLedger.Ingestion.Quality;

namespace SafetyLedger.Ingestion.Telemetry.Sqlite;

/// <summary>Quality roll-ups in the <c>quality_rollups</c> table of <c>telemetry.db</c>.</summary>
public sealed class SqliteQualityStore(SqliteTelemetryDatabase database) : IQualityStore
{
    // Rows per write: the writer runs one write at a time, and a pass at 10,000 sensors writes 30,000 rows or more
    // (500,000 when it fills in two days of hours); in one write they held the readings' commits back for seconds.
    private const int RowsPerWrite = 500;

    public async Task UpsertAsync(IReadOnlyList<QualityRollup> rollups, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rollups);
        foreach (var chunk in rollups.Chunk(RowsPerWrite))
        {
            await database.WriteAsync(
                w =>
                {
                    foreach (var rollup in chunk)
                    {
                        w.UpsertRollup(rollup);
                    }

                    return chunk.Length;
                },
                cancellationToken);
        }
    }

    public Task<IReadOnlyList<QualityRollup>> ListAsync(string tenant, QualityPeriod period, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<QualityRollup>>(database.Read(
            """
            SELECT tenant, sensor_id, period_ticks, access_rate, online_rate, timeliness, validity, completeness,
                   readings, expected, duplicates, dead_letters, digest_positions
            FROM quality_rollups WHERE tenant = $t AND period = $p AND period_ticks >= $from AND period_ticks < $to
            ORDER BY period_ticks, sensor_id
            """,
            p =>
            {
                p.AddWithValue("$t", tenant);
                p.AddWithValue("$p", period.ToString().ToLowerInvariant());
                p.AddWithValue("$from", from.UtcTicks);
                p.AddWithValue("$to", until.UtcTicks);
            },
            r => new QualityRollup(
                r.GetString(0),
                r.GetString(1),
                period,
                SqliteTelemetryStore.Utc(r.GetInt64(2)),
                r.IsDBNull(3) ? null : r.GetDouble(3),
                r.GetDouble(4),
                r.GetDouble(5),
                r.GetDouble(6),
                r.GetDouble(7),
                r.GetInt64(8),
                r.GetInt64(9),
                r.GetInt64(10),
                r.GetInt64(11),
                JsonSerializer.Deserialize(r.GetString(12), IngestionJsonContext.Default.IReadOnlyListInt64) ?? [])));
}
