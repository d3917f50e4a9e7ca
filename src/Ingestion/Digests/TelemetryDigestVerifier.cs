using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using SafetyLedger.Ingestion.Telemetry;
using SafetyLedger.Ingestion.Telemetry.Sqlite;
using SafetyLedger.Ledger.Events;
using SafetyLedger.Ledger.Verification;

namespace SafetyLedger.Ingestion.Digests;

/// <summary>
/// Re-reads every stored batch, re-encodes its readings canonically and checks digest, count, range
/// and statistics against the <c>TelemetryBatchSealed</c> entry in the ledger (never against the
/// store's own copy of the digest); also checks that every digest entry in a sensor's telemetry stream
/// still has its batch.
/// </summary>
public sealed class TelemetryDigestVerifier(ITelemetryStore store, IEventStore events)
{
    private const int PageSize = 1000;

    /// <summary>Verifies the telemetry store in <paramref name="dataDirectory"/>; null when it has none.</summary>
    public static async Task<TelemetryVerificationReport?> VerifyDataDirectoryAsync(
        string dataDirectory,
        IEventStore events,
        IProgress<VerificationProgress>? progress,
        CancellationToken cancellationToken)
    {
        var options = new TelemetryStorageOptions { DataDirectory = dataDirectory };
        if (!File.Exists(options.DatabasePath))
        {
            return null;
        }

        await using var database = SqliteTelemetryDatabase.Open(options, NullLogger<SqliteTelemetryDatabase>.Instance);
        return await new TelemetryDigestVerifier(new SqliteTelemetryStore(database), events).VerifyAsync(progress, cancellationToken);
    }

    public async Task<TelemetryVerificationReport> VerifyAsync(IProgress<VerificationProgress>? progress, CancellationToken cancellationToken)
    {
        var findings = new List<VerificationFinding>();
        var batches = 0;
        var pending = 0;
        long readings = 0;
        var streams = new Dictionary<string, HashSet<long>>(StringComparer.Ordinal);
        long after = 0;
        while (true)
        {
            var page = await store.ReadBatchesAsync(after, PageSize, cancellationToken);
            foreach (var batch in page)
            {
                after = batch.Id;
                var stream = TelemetryBatchSealed.StreamId(batch.Tenant, batch.SensorId);
                if (!streams.TryGetValue(stream, out var ids))
                {
                    streams[stream] = ids = [];
                }

                ids.Add(batch.Id);
                if (batch.LedgerPosition is not { } position)
                {
                    pending++;
                    continue;
                }

                var stored = await store.ReadBatchReadingsAsync(batch.Id, cancellationToken);
                readings += stored.Count;
                batches++;
                await CheckAsync(batch, position, stored, findings, cancellationToken);
                progress?.Report(new VerificationProgress(batches, batches));
            }

            if (page.Count < PageSize)
            {
                break;
            }
        }

        foreach (var (stream, ids) in streams)
        {
            await CheckStreamAsync(stream, ids, findings, cancellationToken);
        }

        return new TelemetryVerificationReport(batches, readings, pending, findings);
    }

    private async Task CheckAsync(TelemetryBatch batch, long position, IReadOnlyList<StoredReading> stored, List<VerificationFinding> findings, CancellationToken cancellationToken)
    {
        var entry = await events.ReadAsync(position, cancellationToken);
        var expectedStream = TelemetryBatchSealed.StreamId(batch.Tenant, batch.SensorId);
        if (entry is null || !string.Equals(entry.StreamId, expectedStream, StringComparison.Ordinal)
            || !string.Equals(entry.EventType, TelemetryBatchSealed.EventType, StringComparison.Ordinal))
        {
            findings.Add(new VerificationFinding(position, Text($"telemetry batch {batch.Id} ({batch.Tenant}/{batch.SensorId}): ledger position {position} is not its {TelemetryBatchSealed.EventType} entry")));
            return;
        }

        var sealedBatch = Decode(entry);
        if (sealedBatch is null || sealedBatch.BatchId != batch.Id)
        {
            findings.Add(new VerificationFinding(position, Text($"telemetry batch {batch.Id}: the ledger entry at {position} names another batch or cannot be read")));
            return;
        }

        var label = Text($"telemetry batch {batch.Id} ({batch.Tenant}/{batch.SensorId}, {sealedBatch.From:O}..{sealedBatch.To:O}, ledger position {position})");
        if (stored.Count != sealedBatch.Count)
        {
            findings.Add(new VerificationFinding(position, Text($"{label}: {stored.Count} readings stored, {sealedBatch.Count} sealed")));
        }

        var digest = BatchEncoding.Digest(stored.Select(r => r.Reading));
        if (!string.Equals(digest, sealedBatch.Sha256, StringComparison.Ordinal))
        {
            findings.Add(new VerificationFinding(position, Text($"{label}: stored readings hash to {digest}, the ledger sealed {sealedBatch.Sha256}")));
        }

        if (stored.Count > 0)
        {
            var draft = DigestSealer.Draft(batch.Tenant, batch.SensorId, stored);
            if (draft.From != sealedBatch.From || draft.To != sealedBatch.To || draft.Min != sealedBatch.Min || draft.Max != sealedBatch.Max)
            {
                findings.Add(new VerificationFinding(position, Text($"{label}: stored range or extremes differ from the sealed ones")));
            }
        }
    }

    private async Task CheckStreamAsync(string stream, HashSet<long> ids, List<VerificationFinding> findings, CancellationToken cancellationToken)
    {
        long version = 0;
        while (true)
        {
            var page = await events.ReadStreamAsync(stream, version, PageSize, cancellationToken);
            foreach (var entry in page)
            {
                version = entry.StreamVersion + 1;
                if (Decode(entry) is { } sealedBatch && !ids.Contains(sealedBatch.BatchId))
                {
                    findings.Add(new VerificationFinding(entry.Position, Text($"{stream}: batch {sealedBatch.BatchId} sealed at position {entry.Position} is missing from the telemetry store")));
                }
            }

            if (page.Count < PageSize)
            {
                return;
            }
        }
    }

    private static TelemetryBatchSealed? Decode(LedgerEntry entry)
    {
        try
        {
            return JsonSerializer.Deserialize(entry.Payload.Span, IngestionJsonContext.Default.TelemetryBatchSealed);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
