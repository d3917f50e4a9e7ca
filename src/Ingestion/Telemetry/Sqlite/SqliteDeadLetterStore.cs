using SafetyLedger.Ingestion.DeadLetters;

namespace SafetyLedger.Ingestion.Telemetry.Sqlite;

/// <summary>Dead letters in the <c>dead_letters</c> table of <c>telemetry.db</c>.</summary>
public sealed class SqliteDeadLetterStore(SqliteTelemetryDatabase database) : IDeadLetterStore
{
    public Task AddAsync(IReadOnlyList<DeadLetter> letters, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(letters);
        return database.WriteAsync(
            w =>
            {
                foreach (var letter in letters)
                {
                    w.InsertDeadLetter(letter);
                }

                return letters.Count;
            },
            cancellationToken);
    }

    public Task<IReadOnlyList<StoredDeadLetter>> ListAsync(string? tenant, long afterId, int maxCount, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<StoredDeadLetter>>(database.Read(
            """
            SELECT id, received_ticks, transport, topic, tenant, site, sensor_id, reason, detail, payload FROM dead_letters
            WHERE id > $after AND ($t IS NULL OR tenant = $t) ORDER BY id LIMIT $n
            """,
            p =>
            {
                p.AddWithValue("$after", afterId);
                p.AddWithValue("$t", (object?)tenant ?? DBNull.Value);
                p.AddWithValue("$n", maxCount);
            },
            r => new StoredDeadLetter(
                r.GetInt64(0),
                new DeadLetter(
                    SqliteTelemetryStore.Utc(r.GetInt64(1)),
                    r.GetString(2),
                    r.IsDBNull(3) ? null : r.GetString(3),
                    r.IsDBNull(4) ? null : r.GetString(4),
                    r.IsDBNull(5) ? null : r.GetString(5),
                    r.IsDBNull(6) ? null : r.GetString(6),
                    r.GetString(7),
                    r.GetString(8),
                    (byte[])r.GetValue(9)))));

    public Task<IReadOnlyDictionary<string, long>> CountBySensorAsync(string tenant, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, long>>(database.Read(
            """
            SELECT coalesce(sensor_id, ''), count(*) FROM dead_letters
            WHERE tenant = $t AND received_ticks >= $from AND received_ticks < $to GROUP BY coalesce(sensor_id, '')
            """,
            p =>
            {
                p.AddWithValue("$t", tenant);
                p.AddWithValue("$from", from.UtcTicks);
                p.AddWithValue("$to", until.UtcTicks);
            },
            r => (Sensor: r.GetString(0), Count: r.GetInt64(1))).ToDictionary(x => x.Sensor, x => x.Count, StringComparer.Ordinal));
}
