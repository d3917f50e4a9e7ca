using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SafetyLedger.Ingestion.Telemetry;
using SafetyLedger.Ledger.Events;

namespace SafetyLedger.Ingestion.Digests;

/// <summary>
/// Seals closed windows: each sensor's unsealed readings of one window become one batch in the
/// telemetry store and then one <c>TelemetryBatchSealed</c> entry in stream
/// <c>telemetry-{tenant}-{sensorId}</c> at the batch's version, so a crash between the two is
/// repaired on the next pass without a second entry.
/// </summary>
public sealed partial class DigestSealer(
    ITelemetryStore store,
    IEventStore events,
    IOptions<DigestOptions> options,
    TimeProvider time,
    ILogger<DigestSealer> logger) : BackgroundService
{
    /// <summary>Seals every window that closed before now − seal delay and records pending batches; returns the batches appended.</summary>
    public async Task<IReadOnlyList<TelemetryBatch>> SealDueAsync(CancellationToken cancellationToken)
    {
        var recorded = new List<TelemetryBatch>(await RecordAsync(await store.ReadUnrecordedBatchesAsync(cancellationToken), cancellationToken));
        var o = options.Value;
        var target = Floor(time.GetUtcNow() - o.SealDelay, o.BatchLength);
        var progress = await store.ReadSealProgressAsync(cancellationToken);

        // A step per window that has readings: that window of every sensor, plus whatever was stored since the last step
        // for windows sealed before it (late readings: a later batch of their window), in one write that also moves the
        // progress. Batches name their readings by range, so no reading is written.
        while (progress.Cutoff < target)
        {
            var highId = await store.ReadHighestIdAsync(cancellationToken);
            var drafts = (await store.ReadLateAsync(progress.HighId, highId, progress.Cutoff, cancellationToken))
                .GroupBy(r => (r.Reading.Tenant, r.Reading.SensorId, Window: Floor(r.Reading.CorrectedTime, o.BatchLength)))
                .Select(g => Draft(g.Key.Tenant, g.Key.SensorId, [.. g]))
                .ToList();
            var cutoff = target;
            if (await store.NextUnsealedAsync(progress.Cutoff, highId, cancellationToken) is { } next && next < target)
            {
                var window = Floor(next, o.BatchLength);
                cutoff = window + o.BatchLength;
                var from = window > progress.Cutoff ? window : progress.Cutoff;
                await foreach (var sensor in store.ReadUnsealedWindowAsync(from, cutoff, highId, cancellationToken))
                {
                    drafts.Add(Draft(sensor[0].Reading.Tenant, sensor[0].Reading.SensorId, sensor));
                }
            }

            var moved = new SealProgress(cutoff, highId);
            recorded.AddRange(await RecordAsync(await store.CreateBatchesAsync(drafts, moved, cancellationToken), cancellationToken));
            progress = moved;
        }

        return recorded;
    }

    internal static BatchDraft Draft(string tenant, string sensorId, IReadOnlyList<StoredReading> readings) => new(
        tenant,
        sensorId,
        readings.Min(r => r.Reading.CorrectedTime),
        readings.Max(r => r.Reading.CorrectedTime),
        readings.Min(r => r.Id),
        readings.Max(r => r.Id),
        readings.Count,
        readings.Min(r => r.Reading.Value),
        readings.Max(r => r.Reading.Value),
        readings.Average(r => r.Reading.Value),
        readings[0].Reading.Unit,
        BatchEncoding.Digest(readings.Select(r => r.Reading)));

    internal static TelemetryBatchSealed Payload(TelemetryBatch batch) => new(
        batch.Id, batch.SensorId, batch.From, batch.To, batch.Count, batch.Min, batch.Max, batch.Mean, batch.Unit, batch.Sha256, BatchEncoding.Name);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.SealInterval, time);
        do
        {
            try
            {
                var sealedBatches = await SealDueAsync(stoppingToken);
                var readings = sealedBatches.Sum(b => b.Count);
                if (sealedBatches.Count > 0)
                {
                    LogSealed(sealedBatches.Count, readings);
                }
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
            {
                LogPassFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private static DateTimeOffset Floor(DateTimeOffset time, TimeSpan length) =>
        new(time.UtcTicks - (time.UtcTicks % length.Ticks), TimeSpan.Zero);

    /// <summary>
    /// Appends the batches' entries to the ledger in one multi-stream append and records their positions in one write. If
    /// a stream is not at the batch's version (an entry made before a crash, or a conflict), each is recorded on its own.
    /// </summary>
    private async Task<IReadOnlyList<TelemetryBatch>> RecordAsync(IReadOnlyList<TelemetryBatch> batches, CancellationToken cancellationToken)
    {
        if (batches.Count == 0)
        {
            return [];
        }

        var positions = new List<(TelemetryBatch Batch, long Position)>(batches.Count);
        try
        {
            var appended = await events.AppendAsync(batches.Select(Request).ToList(), cancellationToken);
            positions.AddRange(batches.Select((batch, i) => (batch, appended[i].FirstPosition)));
        }
        catch (WrongExpectedVersionException)
        {
            foreach (var batch in batches)
            {
                if (await RecordOneAsync(batch, cancellationToken) is { } position)
                {
                    positions.Add((batch, position));
                }
            }
        }

        await store.SetLedgerPositionsAsync(positions.Select(p => (p.Batch.Id, p.Position)).ToList(), cancellationToken);
        return positions.Select(p => p.Batch with { LedgerPosition = p.Position }).ToList();
    }

    private async Task<long?> RecordOneAsync(TelemetryBatch batch, CancellationToken cancellationToken)
    {
        var request = Request(batch);
        try
        {
            return (await events.AppendAsync(request, cancellationToken)).FirstPosition;
        }
        catch (WrongExpectedVersionException)
        {
            var existing = await events.ReadStreamAsync(request.StreamId, batch.StreamVersion, 1, cancellationToken);
            var entry = existing.Count == 1 ? existing[0] : null;
            var recorded = entry is null ? null : JsonSerializer.Deserialize(entry.Payload.Span, IngestionJsonContext.Default.TelemetryBatchSealed);
            if (entry is null || recorded is null || recorded.BatchId != batch.Id || !string.Equals(recorded.Sha256, batch.Sha256, StringComparison.Ordinal))
            {
                LogStreamConflict(batch.Id, request.StreamId, batch.StreamVersion);
                return null;
            }

            return entry.Position;
        }
    }

    private static AppendRequest Request(TelemetryBatch batch)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(Payload(batch), IngestionJsonContext.Default.TelemetryBatchSealed);
        var data = new EventData(TelemetryBatchSealed.EventType, batch.Tenant, batch.To, payload, new EventMetadata(Actor: "ingestion"));
        var expected = batch.StreamVersion == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exact(batch.StreamVersion - 1);
        return new AppendRequest(TelemetryBatchSealed.StreamId(batch.Tenant, batch.SensorId), expected, [data]);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Sealed {Batches} telemetry batches ({Readings} readings) into the ledger")]
    private partial void LogSealed(int batches, int readings);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Digest sealing pass failed; it is retried on the next pass")]
    private partial void LogPassFailed(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Batch {BatchId} cannot be recorded: stream {Stream} already holds another entry at version {Version}")]
    private partial void LogStreamConflict(long batchId, string stream, long version);
}
