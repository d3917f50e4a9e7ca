using System.Text.Json;
using SafetyLedger.Ledger.Events;

namespace SafetyLedger.Ledger.Anchoring;

/// <summary>
/// The <c>Anchored</c> ledger entries of the anchor records, in stream <c>anchor-{chainId}</c>: appends one per record,
/// and finds the records whose entry was lost (recorded, then a crash before the append) to append them once.
/// </summary>
internal sealed class AnchoredEntries(IEventStore events, string tenant)
{
    public const string EventType = "Anchored";

    private const int PageSize = 1000;

    public static string StreamId(long chainId) => FormattableString.Invariant($"anchor-{chainId}");

    /// <summary>Appends the entry of <paramref name="record"/>; returns its position.</summary>
    public async Task<long> AppendAsync(AnchorRecord record, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(AnchorDocument.From(record), AnchoringJsonContext.Default.AnchorDocument);
        var entry = new EventData(EventType, tenant, record.BlockTime, payload, new EventMetadata(Actor: "anchorer"));
        var appended = await events.AppendAsync(new AppendRequest(StreamId(record.ChainId), ExpectedVersion.Any, [entry]), cancellationToken);
        return appended.FirstPosition;
    }

    /// <summary>
    /// Appends an entry for every record of <paramref name="anchors"/> that has none, matching records to entries by
    /// their whole content and counting (a re-sent anchor may repeat a record), so nothing is appended twice.
    /// Returns the records it appended, with their positions.
    /// </summary>
    public async Task<IReadOnlyList<(AnchorRecord Record, long Position)>> AppendMissingAsync(IAnchorStore anchors, CancellationToken cancellationToken)
    {
        var appended = new List<(AnchorRecord, long)>();
        var entered = new Dictionary<long, Dictionary<AnchorDocument, int>>();
        await foreach (var anchor in anchors.ListAsync(cancellationToken))
        {
            var record = anchor.Record;
            if (!entered.TryGetValue(record.ChainId, out var counts))
            {
                counts = await CountEntriesAsync(record.ChainId, cancellationToken);
                entered[record.ChainId] = counts;
            }

            var document = AnchorDocument.From(record);
            if (counts.GetValueOrDefault(document) > 0)
            {
                counts[document]--;
                continue;
            }

            appended.Add((record, await AppendAsync(record, cancellationToken)));
        }

        return appended;
    }

    private async Task<Dictionary<AnchorDocument, int>> CountEntriesAsync(long chainId, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<AnchorDocument, int>();
        var version = 0L;
        while (true)
        {
            var page = await events.ReadStreamAsync(StreamId(chainId), version, PageSize, cancellationToken);
            foreach (var entry in page.Where(e => e.EventType == EventType))
            {
                if (JsonSerializer.Deserialize(entry.Payload.Span, AnchoringJsonContext.Default.AnchorDocument) is { } document)
                {
                    counts[document] = counts.GetValueOrDefault(document) + 1;
                }
            }

            if (page.Count < PageSize)
            {
                return counts;
            }

            version = page[^1].StreamVersion + 1;
        }
    }
}
