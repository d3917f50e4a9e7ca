using SafetyLedger.Ledger.Anchoring;
using SafetyLedger.Ledger.Checkpoints;
using SafetyLedger.Ledger.Events;
using SafetyLedger.Ledger.Merkle;
using SafetyLedger.Ledger.Notes;

namespace SafetyLedger.Ledger.Proofs;

/// <summary>
/// Builds the auditor bundle for an entry against the first checkpoint that covers it, with the first anchor
/// at or after the entry (and a consistency proof to the anchored checkpoint when that one is larger).
/// </summary>
public sealed class BundleBuilder(IEventStore events, IMerkleLog log, ICheckpointStore checkpoints, IAnchorStore anchors)
{
    /// <summary>Null when the entry does not exist or no checkpoint covers it yet.</summary>
    public async Task<AuditorBundle?> BuildAsync(long position, CancellationToken cancellationToken)
    {
        var entry = await events.ReadAsync(position, cancellationToken);
        if (entry is null)
        {
            return null;
        }

        var checkpoint = await checkpoints.FirstAtOrAfterAsync(position + 1, cancellationToken);
        if (checkpoint is null)
        {
            return null;
        }

        var hashes = log.InclusionProof(position, checkpoint.TreeSize);
        var proof = new TlogProof(position, hashes, checkpoint.Note);
        var anchor = await AnchorAsync(position, checkpoint, cancellationToken);
        return new AuditorBundle(AuditorBundle.FormatName, Convert.ToBase64String(entry.Bytes.Span), proof.Format(), anchor);
    }

    private async Task<BundleAnchor?> AnchorAsync(long position, StoredCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        var anchor = await anchors.FirstAtOrAfterAsync(position + 1, cancellationToken);
        if (anchor is null || anchor.Record.TreeSize < checkpoint.TreeSize)
        {
            return null;
        }

        var record = AnchorDocument.From(anchor.Record);
        if (anchor.Record.TreeSize == checkpoint.TreeSize)
        {
            return new BundleAnchor(record, anchor.Statement);
        }

        var anchored = await checkpoints.FirstAtOrAfterAsync(anchor.Record.TreeSize, cancellationToken);
        if (anchored is null || anchored.TreeSize != anchor.Record.TreeSize)
        {
            return null;
        }

        var consistency = log.ConsistencyProof(checkpoint.TreeSize, anchored.TreeSize).Select(Convert.ToBase64String).ToList();
        return new BundleAnchor(record, anchor.Statement, anchored.Note, consistency);
    }
}
