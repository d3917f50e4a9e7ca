using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;

namespace SafetyLedger.Ledger.Merkle;

/// <summary>
/// Cross-team JSON form of a consistency proof:
/// <c>{"size1":N,"size2":N,"root1":"b64","root2":"b64","proof":["b64",…]}</c>, hashes in standard base64.
/// </summary>
public sealed record ConsistencyProofDocument(long Size1, long Size2, string Root1, string Root2, IReadOnlyList<string> Proof)
{
    private static readonly IReadOnlyList<ProofField> Fields =
    [
        new("size1", ProofFieldKind.Integer),
        new("size2", ProofFieldKind.Integer),
        new("root1", ProofFieldKind.String),
        new("root2", ProofFieldKind.String),
        new("proof", ProofFieldKind.StringArray),
    ];

    /// <summary>Parses the JSON; fails with a clear <paramref name="error"/> on malformed JSON, missing or mistyped fields, or a null proof.</summary>
    public static bool TryParse(string json, [NotNullWhen(true)] out ConsistencyProofDocument? document, out string error) =>
        ProofDocumentText.TryParse(json, ProofJsonContext.Default.ConsistencyProofDocument, Fields, out document, out error);

    /// <summary>Serializes to the contract JSON.</summary>
    public string ToJson() => ProofDocumentText.ToJson(this, ProofJsonContext.Default.ConsistencyProofDocument);

    /// <summary>Checks the fields and verifies the proof (RFC 9162 §2.1.4.2).</summary>
    public ProofCheck Verify()
    {
        if (Size1 <= 0)
        {
            return ProofCheck.Invalid($"size1 {Size1} is not positive; consistency is proved from a non-empty tree");
        }

        if (Size1 > Size2)
        {
            return ProofCheck.Invalid($"size1 {Size1} is greater than size2 {Size2}");
        }

        if (!ProofDocumentText.TryDecodeHash(Root1, "root1", out var root1, out var error)
            || !ProofDocumentText.TryDecodeHash(Root2, "root2", out var root2, out error)
            || !ProofDocumentText.TryDecodeProof(Proof, ProofShape.Consistency(Size1, Size2).Count, out var proof, out error))
        {
            return ProofCheck.Invalid(error);
        }

        if (MerkleVerifier.VerifyConsistency(Size1, Size2, root1, root2, proof))
        {
            return new ProofCheck(true, $"the tree of size {Size2} extends the tree of size {Size1}");
        }

        return ProofCheck.Invalid(Size1 == Size2 ? "root1 does not match root2 although size1 equals size2" : ExplainMismatch(root1, root2, proof));
    }

    private string ExplainMismatch(byte[] root1, byte[] root2, byte[][] proof)
    {
        Span<byte> first = stackalloc byte[MerkleHash.Size];
        Span<byte> second = stackalloc byte[MerkleHash.Size];
        ProofReplay.TryConsistencyRoots(Size1, Size2, root1, proof, first, second);
        return CryptographicOperations.FixedTimeEquals(first, root1)
            ? "computed root2 does not match root2"
            : "computed root1 does not match root1";
    }
}
