using SafetyLedger.Ledger.Checkpoints;
using SafetyLedger.Ledger.Events;
using SafetyLedger.Ledger.Merkle;
using SafetyLedger.Ledger.Notes;

namespace SafetyLedger.Ledger.Proofs;

/// <summary>Builds the auditor bundle for an entry against the first checkpoint that covers it.</summary>
public sealed class BundleBuilder(IEventStore events, IMerkleLog log, ICheckpointStore checkpoints)
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
        return new AuditorBundle(AuditorBundle.FormatName, Convert.ToBase64String(entry.Bytes.Span), proof.Format());
    }
}
