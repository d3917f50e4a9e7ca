using System.Text.Json;
using Microsoft.Data.Sqlite;
using SafetyLedger.Ingestion.DeadLetters;
using SafetyLedger.Ingestion.Quality;

namespace SafetyLedger.Ingestion.Telemetry.Sqlite;

/// <summary>The writer connection's statements; every method runs inside the current group transaction.</summary>
internal sealed class TelemetryWriter : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly ReadingInsert insertReading;
    private readonly SqliteCommand countDuplicate;
    private readonly SqliteCommand insertDeadLetter;

    // Prepared once: a sealing pass at 10,000 sensors records 10,000 batches in one write, and a command made per batch
    // prepared its four statements again each time, holding ingestion's commits back for most of a second.
    private readonly SqliteCommand sensorKey;
    private readonly SqliteCommand overlappingBatches;
    private readonly SqliteCommand nextVersion;
    private readonly SqliteCommand insertBatch;
    private readonly SqliteCommand setLedgerPosition;
    private readonly SqliteCommand upsertRollup;

    public TelemetryWriter(SqliteConnection connection, TimeSpan duplicateWindow)
    {
        this.connection = connection;
        insertReading = new ReadingInsert(connection, duplicateWindow);
        countDuplicate = Prepare(
            """
            INSERT INTO duplicate_counts (tenant, sensor_id, hour_ticks, count) VALUES ($t, $s, $h, 1)
            ON CONFLICT (tenant, sensor_id, hour_ticks) DO UPDATE SET count = count + 1
            """,
            "$t", "$s", "$h");
        insertDeadLetter = Prepare(
            """
            INSERT INTO dead_letters (received_ticks, transport, topic, tenant, site, sensor_id, reason, detail, payload)
            VALUES ($r, $tr, $topic, $t, $site, $s, $reason, $detail, $payload)
            """,
            "$r", "$tr", "$topic", "$t", "$site", "$s", "$reason", "$detail", "$payload");
        sensorKey = Prepare("SELECT key FROM sensors WHERE tenant = $t AND sensor_id = $s", "$t", "$s");
        overlappingBatches = Prepare(
            "SELECT count(*) FROM batches WHERE sensor_key = $k AND last_id >= $first AND first_id <= $last AND from_ticks <= $to AND to_ticks >= $from",
            "$k", "$first", "$last", "$from", "$to");
        nextVersion = Prepare("SELECT coalesce(max(stream_version) + 1, 0) FROM batches WHERE tenant = $t AND sensor_id = $s", "$t", "$s");
        insertBatch = Prepare(
            """
            INSERT INTO batches (tenant, sensor_id, stream_version, from_ticks, to_ticks, count, min, max, mean, unit, sha256, sensor_key, first_id, last_id)
            VALUES ($t, $s, $v, $from, $to, $count, $min, $max, $mean, $unit, $sha, $k, $first, $last)
            RETURNING id
            """,
            "$t", "$s", "$v", "$from", "$to", "$count", "$min", "$max", "$mean", "$unit", "$sha", "$k", "$first", "$last");
        setLedgerPosition = Prepare("UPDATE batches SET ledger_position = $p WHERE id = $id", "$p", "$id");
        upsertRollup = Prepare(
            """
            INSERT OR REPLACE INTO quality_rollups (tenant, sensor_id, period, period_ticks, access_rate, online_rate, timeliness,
                validity, completeness, readings, expected, duplicates, dead_letters, digest_positions)
            VALUES ($t, $s, $p, $start, $access, $online, $timely, $valid, $complete, $n, $expected, $dups, $dead, $positions)
            """,
            "$t", "$s", "$p", "$start", "$access", "$online", "$timely", "$valid", "$complete", "$n", "$expected", "$dups", "$dead", "$positions");
    }

    public SqliteTransaction? Transaction { get; set; }

    /// <summary>Drops what the writer remembers of stored rows (sensor keys); called whenever work is rolled back.</summary>
    public void Forget() => insertReading.Forget();

    /// <summary>Inserts a reading unless it duplicates a stored one; returns whether it was inserted.</summary>
    public bool InsertReading(TelemetryReading reading)
    {
        if (insertReading.Execute(reading))
        {
            return true;
        }

        Scalar(countDuplicate, reading.Tenant, reading.SensorId, reading.ReceivedTime.UtcTicks - (reading.ReceivedTime.UtcTicks % TimeSpan.TicksPerHour));
        return false;
    }

    public void InsertDeadLetter(DeadLetter letter)
    {
        ArgumentNullException.ThrowIfNull(letter);
        Scalar(insertDeadLetter, letter.ReceivedAt.UtcTicks, letter.Transport, letter.Topic, letter.Tenant, letter.Site, letter.SensorId, letter.Reason, letter.Detail, letter.Payload.ToArray());
    }

    /// <summary>
    /// Records a batch as its sensor stream's next version. Its readings are named by range (sensor, corrected time, row id),
    /// so no reading is written; the range must not overlap another batch of the sensor. That the range holds exactly the
    /// draft's readings is the sealer's to ensure and <c>ledger verify</c>'s to check: counting them here read every row of
    /// the window on the writer's thread and held ingestion's commits back for seconds at 10,000 readings/s.
    /// </summary>
    public TelemetryBatch InsertBatch(BatchDraft draft)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var key = Scalar(sensorKey, draft.Tenant, draft.SensorId) as long?
            ?? throw new InvalidOperationException($"No reading of {draft.Tenant}/{draft.SensorId} is stored: there is nothing to seal.");
        if ((long)Scalar(overlappingBatches, key, draft.FirstId, draft.LastId, draft.From.UtcTicks, draft.To.UtcTicks)! != 0)
        {
            throw new InvalidOperationException($"The batch's range overlaps a sealed batch of {draft.Tenant}/{draft.SensorId}: its readings are sealed already.");
        }

        var version = (long)Scalar(nextVersion, draft.Tenant, draft.SensorId)!;
        var id = (long)Scalar(
            insertBatch,
            draft.Tenant,
            draft.SensorId,
            version,
            draft.From.UtcTicks,
            draft.To.UtcTicks,
            draft.Count,
            draft.Min,
            draft.Max,
            draft.Mean,
            draft.Unit,
            draft.Sha256,
            key,
            draft.FirstId,
            draft.LastId)!;
        return new TelemetryBatch(id, draft.Tenant, draft.SensorId, version, draft.From, draft.To, draft.Count, draft.Min, draft.Max, draft.Mean, draft.Unit, draft.Sha256, null);
    }

    /// <summary>Moves the seal progress forward (never back).</summary>
    public void SetSealProgress(SealProgress progress)
    {
        using var command = connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = "UPDATE seal_progress SET cutoff_ticks = max(cutoff_ticks, $c), high_id = max(high_id, $h) WHERE id = 0";
        command.Parameters.AddWithValue("$c", progress.Cutoff.UtcTicks);
        command.Parameters.AddWithValue("$h", progress.HighId);
        command.ExecuteNonQuery();
    }

    public void SetLedgerPosition(long batchId, long position) => Scalar(setLedgerPosition, position, batchId);

    public void UpsertRollup(QualityRollup rollup)
    {
        ArgumentNullException.ThrowIfNull(rollup);
        Scalar(
            upsertRollup,
            rollup.Tenant,
            rollup.SensorId,
            rollup.Period.ToString().ToLowerInvariant(),
            rollup.PeriodStart.UtcTicks,
            rollup.AccessRate,
            rollup.OnlineRate,
            rollup.Timeliness,
            rollup.Validity,
            rollup.Completeness,
            rollup.Readings,
            rollup.ExpectedReadings,
            rollup.Duplicates,
            rollup.DeadLetters,
            JsonSerializer.Serialize(rollup.DigestPositions, IngestionJsonContext.Default.IReadOnlyListInt64));
    }

    public void Dispose()
    {
        insertReading.Dispose();
        countDuplicate.Dispose();
        insertDeadLetter.Dispose();
        sensorKey.Dispose();
        overlappingBatches.Dispose();
        nextVersion.Dispose();
        insertBatch.Dispose();
        setLedgerPosition.Dispose();
        upsertRollup.Dispose();
    }

    /// <summary>Runs a prepared statement in the current transaction with its parameters in order (null as SQL NULL); its first value.</summary>
    private object? Scalar(SqliteCommand command, params object?[] values)
    {
        command.Transaction = Transaction;
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }

        return command.ExecuteScalar();
    }

    private SqliteCommand Prepare(string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        return command;
    }
}
