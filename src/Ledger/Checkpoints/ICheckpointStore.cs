namespace SafetyLedger.Ledger.Checkpoints;

/// <summary>Issued checkpoints, append-only, one per tree size.</summary>
public interface ICheckpointStore
{
    Task AddAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken);

    Task<StoredCheckpoint?> LatestAsync(CancellationToken cancellationToken);

    /// <summary>The first checkpoint whose tree size is at least <paramref name="treeSize"/>.</summary>
    Task<StoredCheckpoint?> FirstAtOrAfterAsync(long treeSize, CancellationToken cancellationToken);

    /// <summary>All checkpoints in tree-size order.</summary>
    IAsyncEnumerable<StoredCheckpoint> ListAsync(CancellationToken cancellationToken);
}
