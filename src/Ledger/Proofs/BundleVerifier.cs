using SafetyLedger.Ledger.Events;
using SafetyLedger.Ledger.Merkle;
using SafetyLedger.Ledger.Notes;

namespace SafetyLedger.Ledger.Proofs;

/// <summary>Checks an auditor bundle offline: signature on the checkpoint, inclusion of the entry bytes.</summary>
public static class BundleVerifier
{
    public static ProofCheck Verify(AuditorBundle bundle, NoteVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(verifier);
        byte[] entry;
        try
        {
            entry = Convert.FromBase64String(bundle.Entry);
        }
        catch (FormatException)
        {
            return new ProofCheck(false, "The bundle's entry is not valid base64.");
        }

        if (!TlogProof.TryParse(bundle.Proof, out var proof, out var error))
        {
            return new ProofCheck(false, $"The bundle's tlog-proof is malformed: {error}");
        }

        if (!SignedNote.TryParse(proof!.CheckpointNote, out var note, out error))
        {
            return new ProofCheck(false, $"The bundle's checkpoint is not a valid signed note: {error}");
        }

        if (!note!.IsSignedBy(verifier))
        {
            return new ProofCheck(false, $"The bundle's checkpoint has no valid signature by key '{verifier.Name}'.");
        }

        if (!Checkpoint.TryParse(note.Text, out var checkpoint, out error))
        {
            return new ProofCheck(false, $"The bundle's checkpoint body is malformed: {error}");
        }

        try
        {
            if (EntryCodec.Decode(entry).Position != proof.Index)
            {
                return new ProofCheck(false, $"The entry's own position differs from the proof's index {proof.Index}.");
            }
        }
        catch (FormatException ex)
        {
            return new ProofCheck(false, ex.Message);
        }

        var leaf = MerkleHash.Leaf(entry);
        return MerkleVerifier.VerifyInclusion(proof.Index, checkpoint!.Size, leaf, proof.Hashes, checkpoint.RootHash)
            ? new ProofCheck(true, $"Entry {proof.Index} is included in the signed checkpoint of size {checkpoint.Size}.")
            : new ProofCheck(false, $"The inclusion proof for entry {proof.Index} does not lead to the checkpoint's root at size {checkpoint.Size}.");
    }
}
