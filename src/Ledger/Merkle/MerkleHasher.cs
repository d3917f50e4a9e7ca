using System.Security.Cryptography;

namespace SafetyLedger.Ledger.Merkle;

/// <summary>
/// RFC 9162 leaf and node hashing (as <see cref="MerkleHash"/>) with one reused SHA-256 context and no
/// allocation: a fresh context per hash costs about as much as hashing a 300-byte entry. One per thread.
/// </summary>
internal sealed class MerkleHasher : IDisposable
{
    private readonly IncrementalHash sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

    /// <summary>Writes SHA-256(0x00 ‖ <paramref name="entryBytes"/>) to <paramref name="destination"/>.</summary>
    public void Leaf(ReadOnlySpan<byte> entryBytes, Span<byte> destination)
    {
        ReadOnlySpan<byte> prefix = [0x00];
        sha256.AppendData(prefix);
        sha256.AppendData(entryBytes);
        sha256.GetHashAndReset(destination);
    }

    /// <summary>Writes SHA-256(0x01 ‖ <paramref name="left"/> ‖ <paramref name="right"/>) to <paramref name="destination"/>.</summary>
    public void Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        Span<byte> buffer = stackalloc byte[1 + MerkleHash.Size + MerkleHash.Size];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + MerkleHash.Size)..]);
        sha256.AppendData(buffer);
        sha256.GetHashAndReset(destination);
    }

    public void Dispose() => sha256.Dispose();
}
