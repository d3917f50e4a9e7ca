using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using SafetyLedger.Ledger.Anchoring;
using SafetyLedger.Ledger.Events;
using SafetyLedger.Ledger.Merkle;
using SafetyLedger.Ledger.Notes;

namespace SafetyLedger.Ledger.Proofs;

/// <summary>
/// Checks an auditor bundle offline: the signature on the checkpoint, the inclusion of the entry bytes and,
/// when the bundle has an anchor, the log's signed statement of every anchor field and the consistency of the
/// bundle's checkpoint with the anchored one. Whether the chain holds the anchor needs the chain (--rpc).
/// </summary>
public static class BundleVerifier
{
    public static BundleCheck Verify(AuditorBundle bundle, NoteVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        ArgumentNullException.ThrowIfNull(verifier);
        if (!StrictBase64.TryDecode(bundle.Entry, out var entry))
        {
            return BundleCheck.Invalid("The bundle's entry is not canonical base64.");
        }

        if (!TlogProof.TryParse(bundle.Proof, out var proof, out var error))
        {
            return BundleCheck.Invalid($"The bundle's tlog-proof is malformed: {error}");
        }

        if (!TryReadCheckpoint(proof.CheckpointNote, verifier, "The bundle's checkpoint", out var checkpoint, out error))
        {
            return BundleCheck.Invalid(error);
        }

        try
        {
            if (EntryCodec.Decode(entry).Position != proof.Index)
            {
                return BundleCheck.Invalid($"The entry's own position differs from the proof's index {proof.Index}.");
            }
        }
        catch (FormatException ex)
        {
            return BundleCheck.Invalid(ex.Message);
        }

        var leaf = MerkleHash.Leaf(entry);
        if (!MerkleVerifier.VerifyInclusion(proof.Index, checkpoint.Size, leaf, proof.Hashes, checkpoint.RootHash))
        {
            return BundleCheck.Invalid($"The inclusion proof for entry {proof.Index} does not lead to the checkpoint's root at size {checkpoint.Size}.");
        }

        var included = $"Entry {proof.Index} is included in the signed checkpoint of size {checkpoint.Size}";
        return bundle.Anchor is null
            ? new BundleCheck(true, $"{included}; the bundle has no anchor yet.")
            : VerifyAnchor(bundle.Anchor, checkpoint, verifier, included);
    }

    private static BundleCheck VerifyAnchor(BundleAnchor anchor, Checkpoint checkpoint, NoteVerifier verifier, string included)
    {
        if (anchor.Record is null || anchor.Statement is null)
        {
            return BundleCheck.Invalid("The bundle's anchor needs a record and a statement.");
        }

        if (!anchor.Record.TryToRecord(out var record, out var error))
        {
            return BundleCheck.Invalid($"The bundle's anchor is malformed: {error}.");
        }

        if (!AnchorStatement.TryCheck(anchor.Statement, checkpoint.Origin, record, [verifier], out error))
        {
            return BundleCheck.Invalid($"The bundle's anchor does not verify: {error}.");
        }

        var anchoredAt = record.TreeSize == checkpoint.Size
            ? CheckSameCheckpoint(anchor, record, checkpoint)
            : CheckLaterCheckpoint(anchor, record, checkpoint, verifier);
        return anchoredAt ?? new BundleCheck(
            true,
            $"{included}, consistent with the checkpoint of size {record.TreeSize} that the log says it anchored on chain {record.ChainId} "
            + $"(contract {record.Contract}, tx {record.TxHash}, block {record.BlockNumber} at {record.BlockTime:O}); the chain was not consulted.",
            record);
    }

    private static BundleCheck? CheckSameCheckpoint(BundleAnchor anchor, AnchorRecord record, Checkpoint checkpoint)
    {
        if (anchor.Checkpoint is not null || anchor.Consistency is { Count: > 0 })
        {
            return BundleCheck.Invalid("The bundle's anchor is of the bundle's own checkpoint but carries another checkpoint or a consistency proof.");
        }

        return CryptographicOperations.FixedTimeEquals(record.Root, checkpoint.RootHash)
            ? null
            : BundleCheck.Invalid($"The anchored root {Convert.ToBase64String(record.Root)} differs from the checkpoint's root {Convert.ToBase64String(checkpoint.RootHash)} at size {checkpoint.Size}.");
    }

    private static BundleCheck? CheckLaterCheckpoint(BundleAnchor anchor, AnchorRecord record, Checkpoint checkpoint, NoteVerifier verifier)
    {
        if (record.TreeSize < checkpoint.Size)
        {
            return BundleCheck.Invalid($"The anchor's tree size {record.TreeSize} is below the bundle checkpoint's {checkpoint.Size}.");
        }

        if (anchor.Checkpoint is null || anchor.Consistency is null)
        {
            return BundleCheck.Invalid($"The anchor is of tree size {record.TreeSize}, but the bundle has no anchored checkpoint or consistency proof from size {checkpoint.Size}.");
        }

        if (!TryReadCheckpoint(anchor.Checkpoint, verifier, "The anchored checkpoint", out var anchored, out var error))
        {
            return BundleCheck.Invalid(error);
        }

        if (anchored.Origin != checkpoint.Origin || anchored.Size != record.TreeSize || !CryptographicOperations.FixedTimeEquals(anchored.RootHash, record.Root))
        {
            return BundleCheck.Invalid($"The anchored checkpoint ('{anchored.Origin}', size {anchored.Size}, root {Convert.ToBase64String(anchored.RootHash)}) is not the anchor's (size {record.TreeSize}, root {Convert.ToBase64String(record.Root)}).");
        }

        var hashes = new List<byte[]>();
        foreach (var text in anchor.Consistency)
        {
            if (text is null || !StrictBase64.TryDecode(text, out var hash) || hash.Length != Checkpoint.HashLength)
            {
                return BundleCheck.Invalid("A hash of the anchor's consistency proof is not canonical base64 of 32 bytes.");
            }

            hashes.Add(hash);
        }

        return MerkleVerifier.VerifyConsistency(checkpoint.Size, anchored.Size, checkpoint.RootHash, anchored.RootHash, hashes)
            ? null
            : BundleCheck.Invalid($"The consistency proof from size {checkpoint.Size} to the anchored size {anchored.Size} does not verify.");
    }

    private static bool TryReadCheckpoint(string noteText, NoteVerifier verifier, string what, [NotNullWhen(true)] out Checkpoint? checkpoint, out string error)
    {
        checkpoint = null;
        if (!SignedNote.TryParse(noteText, out var note, out error))
        {
            error = $"{what} is not a valid signed note: {error}";
            return false;
        }

        if (!note.IsSignedBy(verifier))
        {
            error = $"{what} has no valid signature by key '{verifier.Name}'.";
            return false;
        }

        if (!Checkpoint.TryParse(note.Text, out checkpoint, out error))
        {
            error = $"{what} body is malformed: {error}";
            return false;
        }

        return true;
    }
}
