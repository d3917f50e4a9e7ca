namespace SafetyLedger.Ledger.Events;

/// <summary>
/// The append-only event store: streams with optimistic concurrency, dense global positions,
/// atomic multi-event (and multi-stream) appends that are durable before they are acknowledged.
/// </summary>
public interface IEventStore
{
    /// <summary>Number of entries; the next entry's global position.</summary>
    long Count { get; }

    /// <summary>Appends one stream's events atomically.</summary>
    /// <exception cref="WrongExpectedVersionException">The stream was not at the expected version.</exception>
    Task<AppendResult> AppendAsync(AppendRequest request, CancellationToken cancellationToken);

    /// <summary>Appends several streams' events in one atomic, durable transaction: all or none.</summary>
    Task<IReadOnlyList<AppendResult>> AppendAsync(IReadOnlyList<AppendRequest> requests, CancellationToken cancellationToken);

    Task<LedgerEntry?> ReadAsync(long position, CancellationToken cancellationToken);

    /// <summary>Entries in global order starting at <paramref name="fromPosition"/>, at most <paramref name="maxCount"/>.</summary>
    Task<IReadOnlyList<LedgerEntry>> ReadAllAsync(long fromPosition, int maxCount, CancellationToken cancellationToken);

    /// <summary>A stream's entries in version order starting at <paramref name="fromVersion"/>.</summary>
    Task<IReadOnlyList<LedgerEntry>> ReadStreamAsync(string streamId, long fromVersion, int maxCount, CancellationToken cancellationToken);

    /// <summary>
    /// The entries of one category — every stream whose id starts with <paramref name="streamPrefix"/>
    /// (e.g. <c>alert-</c>) — with positions in [<paramref name="fromPosition"/>, <paramref name="toPosition"/>),
    /// in global order, from one consistent snapshot. Costs in proportion to the category, not the ledger,
    /// so a projection rebuilds without decoding every entry. The prefix is non-empty and ends in an
    /// ASCII character other than DEL.
    /// </summary>
    IAsyncEnumerable<LedgerEntry> ReadCategoryAsync(string streamPrefix, long fromPosition, long toPosition, CancellationToken cancellationToken);

    /// <summary>Catch-up subscription: every entry from <paramref name="fromPosition"/> on, then live ones as they are committed.</summary>
    IAsyncEnumerable<LedgerEntry> SubscribeAsync(long fromPosition, CancellationToken cancellationToken);
}
