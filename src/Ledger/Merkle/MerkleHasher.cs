using System.Security.Cryptography;

namespace SafetyLedger.Ledger.Merkle;

/// <summary>
/// RFC 9162 leaf and node hashing (as <see cref="MerkleHash"/>) with one reused SHA-256 context and no
/// allocation. Uses OpenSSL 3 directly where the process has it (<see cref="OpenSslSha256"/>: less than half
/// the per-call cost), otherwise .NET's <see cref="IncrementalHash"/>; both give the same bytes. One per thread.
/// </summary>
internal sealed class MerkleHasher : IDisposable
{
    private readonly OpenSslSha256? native;
    private readonly IncrementalHash? managed;

    public MerkleHasher()
        : this(preferOpenSsl: true)
    {
    }

    internal MerkleHasher(bool preferOpenSsl)
    {
        native = preferOpenSsl ? OpenSslSha256.TryCreate() : null;
        managed = native is null ? IncrementalHash.CreateHash(HashAlgorithmName.SHA256) : null;
    }

    /// <summary>True when hashing goes through <see cref="OpenSslSha256"/>.</summary>
    public bool UsesOpenSsl => native is not null;

    /// <summary>Writes SHA-256(0x00 ‖ <paramref name="entryBytes"/>) to <paramref name="destination"/>.</summary>
    public void Leaf(ReadOnlySpan<byte> entryBytes, Span<byte> destination)
    {
        ReadOnlySpan<byte> prefix = [0x00];
        Hash(prefix, entryBytes, destination);
    }

    /// <summary>Writes SHA-256(0x01 ‖ <paramref name="left"/> ‖ <paramref name="right"/>) to <paramref name="destination"/>.</summary>
    public void Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        Span<byte> buffer = stackalloc byte[1 + MerkleHash.Size + MerkleHash.Size];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + MerkleHash.Size)..]);
        Hash(buffer, [], destination);
    }

    public void Dispose()
    {
        native?.Dispose();
        managed?.Dispose();
    }

    private void Hash(ReadOnlySpan<byte> first, ReadOnlySpan<byte> second, Span<byte> destination)
    {
        if (native is not null)
        {
            native.Hash(first, second, destination);
            return;
        }

        managed!.AppendData(first);
        managed.AppendData(second);
        managed.GetHashAndReset(destination);
    }
}
