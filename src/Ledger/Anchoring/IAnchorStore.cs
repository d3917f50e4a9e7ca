namespace SafetyLedger.Ledger.Anchoring;

/// <summary>Anchors of checkpoints on chains, append-only; several anchors may share a tree size (a re-send after a
/// dropped or reorganised transaction supersedes the earlier record).</summary>
public interface IAnchorStore
{
    Task AddAsync(StoredAnchor anchor, CancellationToken cancellationToken);

    /// <summary>The anchor of the largest tree size (the last recorded among equals); null when nothing is anchored.</summary>
    Task<StoredAnchor?> LatestAsync(CancellationToken cancellationToken);

    /// <summary>The first anchor whose tree size is at least <paramref name="treeSize"/> (the last recorded among equals: the one that supersedes).</summary>
    Task<StoredAnchor?> FirstAtOrAfterAsync(long treeSize, CancellationToken cancellationToken);

    /// <summary>All anchors in tree-size order, then in the order they were recorded.</summary>
    IAsyncEnumerable<StoredAnchor> ListAsync(CancellationToken cancellationToken);
}
