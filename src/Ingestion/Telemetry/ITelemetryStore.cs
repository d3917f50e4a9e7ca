namespace SafetyLedger.Ingestion.Telemetry;

/// <summary>
/// Raw and corrected readings and their sealed batches. Appends are durable when the task completes;
/// duplicates (same sensor and sequence within the duplicate window, or same source time and raw value)
/// are dropped idempotently.
/// </summary>
public interface ITelemetryStore
{
    /// <summary>Stores readings in one durable write; element i is false when reading i was a duplicate and dropped.</summary>
    Task<IReadOnlyList<bool>> AppendAsync(IReadOnlyList<TelemetryReading> readings, CancellationToken cancellationToken);

    /// <summary>A sensor's readings with corrected time in [from, until), in corrected-time order.</summary>
    Task<IReadOnlyList<StoredReading>> QueryAsync(string tenant, string sensorId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>
    /// Counts each of a tenant's sensors' readings with corrected time in [<paramref name="from"/>, <paramref name="until"/>)
    /// in one pass: all, the distinct slots (of the sensor's length in <paramref name="slots"/>, from <paramref name="from"/>)
    /// they fall in, and those received within <paramref name="timeliness"/> of their corrected time — without reading
    /// them out. Sensors without readings in the period are left out.
    /// </summary>
    Task<IReadOnlyDictionary<string, ReadingCounts>> CountReadingsAsync(string tenant, IReadOnlyDictionary<string, TimeSpan> slots, DateTimeOffset from, DateTimeOffset until, TimeSpan timeliness, CancellationToken cancellationToken);

    /// <summary>How far sealing has come (<see cref="CreateBatchesAsync"/> moves it).</summary>
    Task<SealProgress> ReadSealProgressAsync(CancellationToken cancellationToken);

    /// <summary>The highest reading row id stored now (0 when none): every reading committed later has a higher one.</summary>
    Task<long> ReadHighestIdAsync(CancellationToken cancellationToken);

    /// <summary>The earliest corrected time at or after <paramref name="from"/> (at or after the seal progress's cutoff) of a reading with row id at most <paramref name="highId"/>, or null.</summary>
    Task<DateTimeOffset?> NextUnsealedAsync(DateTimeOffset from, long highId, CancellationToken cancellationToken);

    /// <summary>
    /// The readings with corrected time in [<paramref name="from"/>, <paramref name="until"/>) (at or after the seal
    /// progress's cutoff) and row id at most <paramref name="highId"/>, one list per sensor, each in canonical order
    /// (corrected time, then row id): one sensor's window in memory at a time.
    /// </summary>
    IAsyncEnumerable<IReadOnlyList<StoredReading>> ReadUnsealedWindowAsync(DateTimeOffset from, DateTimeOffset until, long highId, CancellationToken cancellationToken);

    /// <summary>Readings with row id in (<paramref name="afterId"/>, <paramref name="throughId"/>] and corrected time before <paramref name="before"/> — stored after their window was sealed — by tenant, sensor and canonical order.</summary>
    Task<IReadOnlyList<StoredReading>> ReadLateAsync(long afterId, long throughId, DateTimeOffset before, CancellationToken cancellationToken);

    /// <summary>
    /// Records batches, in order, each as the next version of its sensor's stream, and moves the seal progress to
    /// <paramref name="progress"/>, in one atomic write. A batch names its readings by range (sensor, corrected time, row
    /// id), so sealing writes no reading; a draft whose range overlaps a sealed batch of its sensor, or whose sensor has
    /// no readings, fails the whole write.
    /// </summary>
    Task<IReadOnlyList<TelemetryBatch>> CreateBatchesAsync(IReadOnlyList<BatchDraft> drafts, SealProgress? progress, CancellationToken cancellationToken);

    /// <summary>Records the ledger positions of batches' <c>TelemetryBatchSealed</c> entries in one write.</summary>
    Task SetLedgerPositionsAsync(IReadOnlyList<(long BatchId, long Position)> positions, CancellationToken cancellationToken);

    /// <summary>Batches with id above <paramref name="afterId"/>, in id order.</summary>
    Task<IReadOnlyList<TelemetryBatch>> ReadBatchesAsync(long afterId, int maxCount, CancellationToken cancellationToken);

    /// <summary>Batches whose ledger entry has not been recorded yet.</summary>
    Task<IReadOnlyList<TelemetryBatch>> ReadUnrecordedBatchesAsync(CancellationToken cancellationToken);

    /// <summary>The readings of one batch in canonical order (corrected time, then row id): by range, or by batch_id for batches sealed before schema 5.</summary>
    Task<IReadOnlyList<StoredReading>> ReadBatchReadingsAsync(long batchId, CancellationToken cancellationToken);

    /// <summary>The tenant's batches whose range overlaps [from, until), with their ledger positions.</summary>
    Task<IReadOnlyList<TelemetryBatch>> ReadBatchesAsync(string tenant, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Counts, per sensor, the duplicates dropped with receive time in [from, until).</summary>
    Task<IReadOnlyDictionary<string, long>> CountDuplicatesAsync(string tenant, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken);
}
