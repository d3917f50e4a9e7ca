using SafetyLedger.Ingestion.Telemetry;

namespace SafetyLedger.Ingestion.Bench;

/// <summary>
/// The real store, counting readings as their durable write completes and recording, per reading, the time
/// from its source timestamp (set by the publisher when the message was due) to stored.
/// </summary>
internal sealed class TimedTelemetryStore(ITelemetryStore inner) : ITelemetryStore
{
    private readonly Lock gate = new();
    private readonly List<double> latenciesMs = new(1 << 20);
    private long stored;
    private long lastStoredTicks;

    public long Stored => Interlocked.Read(ref stored);

    public DateTimeOffset LastStored => new(Interlocked.Read(ref lastStoredTicks), TimeSpan.Zero);

    public bool Recording { get; set; }

    public double[] TakeLatencies()
    {
        lock (gate)
        {
            var copy = latenciesMs.ToArray();
            latenciesMs.Clear();
            return copy;
        }
    }

    public async Task<IReadOnlyList<bool>> AppendAsync(IReadOnlyList<TelemetryReading> readings, CancellationToken cancellationToken)
    {
        var result = await inner.AppendAsync(readings, cancellationToken);
        var now = DateTimeOffset.UtcNow;
        Interlocked.Exchange(ref lastStoredTicks, now.UtcTicks);
        Interlocked.Add(ref stored, readings.Count);
        if (Recording)
        {
            lock (gate)
            {
                foreach (var reading in readings)
                {
                    latenciesMs.Add((now - reading.SourceTime).TotalMilliseconds);
                }
            }
        }

        return result;
    }

    public Task<IReadOnlyList<StoredReading>> QueryAsync(string tenant, string sensorId, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken) =>
        inner.QueryAsync(tenant, sensorId, from, until, cancellationToken);

    public Task<IReadOnlyDictionary<string, ReadingCounts>> CountReadingsAsync(string tenant, IReadOnlyDictionary<string, TimeSpan> slots, DateTimeOffset from, DateTimeOffset until, TimeSpan timeliness, CancellationToken cancellationToken) =>
        inner.CountReadingsAsync(tenant, slots, from, until, timeliness, cancellationToken);

    public Task<SealProgress> ReadSealProgressAsync(CancellationToken cancellationToken) =>
        inner.ReadSealProgressAsync(cancellationToken);

    public Task<long> ReadHighestIdAsync(CancellationToken cancellationToken) =>
        inner.ReadHighestIdAsync(cancellationToken);

    public Task<DateTimeOffset?> NextUnsealedAsync(DateTimeOffset from, long highId, CancellationToken cancellationToken) =>
        inner.NextUnsealedAsync(from, highId, cancellationToken);

    public IAsyncEnumerable<IReadOnlyList<StoredReading>> ReadUnsealedWindowAsync(DateTimeOffset from, DateTimeOffset until, long highId, CancellationToken cancellationToken) =>
        inner.ReadUnsealedWindowAsync(from, until, highId, cancellationToken);

    public Task<IReadOnlyList<StoredReading>> ReadLateAsync(long afterId, long throughId, DateTimeOffset before, CancellationToken cancellationToken) =>
        inner.ReadLateAsync(afterId, throughId, before, cancellationToken);

    public Task<IReadOnlyList<TelemetryBatch>> CreateBatchesAsync(IReadOnlyList<BatchDraft> drafts, SealProgress? progress, CancellationToken cancellationToken) =>
        inner.CreateBatchesAsync(drafts, progress, cancellationToken);

    public Task SetLedgerPositionsAsync(IReadOnlyList<(long BatchId, long Position)> positions, CancellationToken cancellationToken) =>
        inner.SetLedgerPositionsAsync(positions, cancellationToken);

    public Task<IReadOnlyList<TelemetryBatch>> ReadBatchesAsync(long afterId, int maxCount, CancellationToken cancellationToken) =>
        inner.ReadBatchesAsync(afterId, maxCount, cancellationToken);

    public Task<IReadOnlyList<TelemetryBatch>> ReadUnrecordedBatchesAsync(CancellationToken cancellationToken) =>
        inner.ReadUnrecordedBatchesAsync(cancellationToken);

    public Task<IReadOnlyList<StoredReading>> ReadBatchReadingsAsync(long batchId, CancellationToken cancellationToken) =>
        inner.ReadBatchReadingsAsync(batchId, cancellationToken);

    public Task<IReadOnlyList<TelemetryBatch>> ReadBatchesAsync(string tenant, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken) =>
        inner.ReadBatchesAsync(tenant, from, until, cancellationToken);

    public Task<IReadOnlyDictionary<string, long>> CountDuplicatesAsync(string tenant, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken) =>
        inner.CountDuplicatesAsync(tenant, from, until, cancellationToken);
}
