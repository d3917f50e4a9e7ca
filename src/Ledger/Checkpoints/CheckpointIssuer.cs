using Microsoft.Extensions.Options;
using SafetyLedger.Ledger.Merkle;
using SafetyLedger.Ledger.Notes;

namespace SafetyLedger.Ledger.Checkpoints;

/// <summary>Signs a checkpoint of the log's current size when the tree has grown since the last one.</summary>
public sealed class CheckpointIssuer(
    IMerkleLog log,
    ICheckpointStore store,
    LogSigners signers,
    IOptions<CheckpointOptions> options,
    TimeProvider time)
{
    /// <summary>Issues a checkpoint for the current tree size unless the latest one already covers it.</summary>
    public async Task<StoredCheckpoint?> IssueIfGrownAsync(CancellationToken cancellationToken)
    {
        var size = log.Size;
        var latest = await store.LatestAsync(cancellationToken);
        if (size == 0 || (latest is not null && latest.TreeSize >= size))
        {
            return null;
        }

        var root = log.Root(size);
        var body = new Checkpoint(options.Value.Origin, size, root, []).ToNoteText();
        var note = SignedNote.Sign(body, signers.Signers).Serialize();
        var checkpoint = new StoredCheckpoint(size, root, note, time.GetUtcNow());
        await store.AddAsync(checkpoint, cancellationToken);
        return checkpoint;
    }
}
