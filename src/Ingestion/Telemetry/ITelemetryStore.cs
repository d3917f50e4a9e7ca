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

    /// <summary>Readings not yet in a batch whose corrected time is before <paramref name="before"/>, by tenant, sensor and time.</summary>
    Task<IReadOnlyList<StoredReading>> ReadUnsealedAsync(DateTimeOffset before, int maxCount, CancellationToken cancellationToken);

    /// <summary>
    /// Records batches, in order, each as the next version of its sensor's stream, and assigns their readings to them, in
    /// one atomic write: a sealing pass is one commit, not one per sensor (assigning rewrites the readings' rows, and the
    /// rows of one window of all sensors share pages).
    /// </summary>
    Task<IReadOnlyList<TelemetryBatch>> CreateBatchesAsync(IReadOnlyList<BatchDraft> drafts, CancellationToken cancellationToken);

    /// <summary>Records the ledger positions of batches' <c>TelemetryBatchSealed</c> entries in one write.</summary>
    Task SetLedgerPositionsAsync(IReadOnlyList<(long BatchId, long Position)> positions, CancellationToken cancellationToken);

    /// <summary>Batches with id above <paramref name="afterId"/>, in id order.</summary>
    Task<IReadOnlyList<TelemetryBatch>> ReadBatchesAsync(long afterId, int maxCount, CancellationToken cancellationToken);

    /// <summary>Batches whose ledger entry has not been recorded yet.</summary>
    Task<IReadOnlyList<TelemetryBatch>> ReadUnrecordedBatchesAsync(CancellationToken cancellationToken);

    /// <summary>The readings of one batch in canonical order (corrected time, then row id).</summary>
    Task<IReadOnlyList<StoredReading>> ReadBatchReadingsAsync(long batchId, CancellationToken cancellationToken);

    /// <summary>The tenant's batches whose range overlaps [from, until), with their ledger positions.</summary>
    Task<IReadOnlyList<TelemetryBatch>> ReadBatchesAsync(string tenant, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken);

    /// <summary>Counts, per sensor, the duplicates dropped with receive time in [from, until).</summary>
    Task<IReadOnlyDictionary<string, long>> CountDuplicatesAsync(string tenant, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken);
}
