using System.Diagnostics.CodeAnalysis;

namespace SafetyLedger.Ledger.Merkle;

/// <summary>
/// Cross-team JSON form of an inclusion proof:
/// <c>{"leafIndex":N,"treeSize":N,"leafHash":"b64","rootHash":"b64","proof":["b64",…]}</c>, hashes in standard base64.
/// </summary>
public sealed record InclusionProofDocument(long LeafIndex, long TreeSize, string LeafHash, string RootHash, IReadOnlyList<string> Proof)
{
    private static readonly IReadOnlyList<ProofField> Fields =
    [
        new("leafIndex", ProofFieldKind.Integer),
        new("treeSize", ProofFieldKind.Integer),
        new("leafHash", ProofFieldKind.String),
        new("rootHash", ProofFieldKind.String),
        new("proof", ProofFieldKind.StringArray),
    ];

    /// <summary>Parses the JSON; fails with a clear <paramref name="error"/> on malformed JSON, missing or mistyped fields, or a null proof.</summary>
    public static bool TryParse(string json, [NotNullWhen(true)] out InclusionProofDocument? document, out string error) =>
        ProofDocumentText.TryParse(json, ProofJsonContext.Default.InclusionProofDocument, Fields, out document, out error);

    /// <summary>Serializes to the contract JSON.</summary>
    public string ToJson() => ProofDocumentText.ToJson(this, ProofJsonContext.Default.InclusionProofDocument);

    /// <summary>Checks the fields and verifies the proof (RFC 9162 §2.1.3.2).</summary>
    public ProofCheck Verify()
    {
        if (LeafIndex < 0)
        {
            return ProofCheck.Invalid($"leafIndex {LeafIndex} is negative");
        }

        if (LeafIndex >= TreeSize)
        {
            return ProofCheck.Invalid($"leafIndex {LeafIndex} is not below treeSize {TreeSize}");
        }

        if (!ProofDocumentText.TryDecodeHash(LeafHash, "leafHash", out var leaf, out var error)
            || !ProofDocumentText.TryDecodeHash(RootHash, "rootHash", out var root, out error)
            || !ProofDocumentText.TryDecodeProof(Proof, ProofShape.Inclusion(LeafIndex, TreeSize).Count, out var proof, out error))
        {
            return ProofCheck.Invalid(error);
        }

        return MerkleVerifier.VerifyInclusion(LeafIndex, TreeSize, leaf, proof, root)
            ? new ProofCheck(true, $"leaf {LeafIndex} is included in the tree of size {TreeSize}")
            : ProofCheck.Invalid("computed root does not match rootHash");
    }
}
