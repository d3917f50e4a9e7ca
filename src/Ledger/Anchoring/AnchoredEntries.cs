using System.Text.Json;
using SafetyLedger.Ledger.Events;

namespace SafetyLedger.Ledger.Anchoring;

/// <summary>
/// The <c>Anchored</c> ledger entries of the anchor records, in stream <c>anchor-{chainId}</c>: appends one per record.
/// </summary>
internal sealed class AnchoredEntries(IEventStore events, string tenant)
{
    public const string EventType = "Anchored";

    public static string StreamId(long chainId) => FormattableString.Invariant($"anchor-{chainId}");

    /// <summary>Appends the entry of <paramref name="record"/>; returns its position.</summary>
    public async Task<long> AppendAsync(AnchorRecord record, CancellationToken cancellationToken)
    {
        var payload = JsonSerializer.SerializeToUtf8Bytes(AnchorDocument.From(record), AnchoringJsonContext.Default.AnchorDocument);
        var entry = new EventData(EventType, tenant, record.BlockTime, payload, new EventMetadata(Actor: "anchorer"));
        var appended = await events.AppendAsync(new AppendRequest(StreamId(record.ChainId), ExpectedVersion.Any, [entry]), cancellationToken);
        return appended.FirstPosition;
    }
}
