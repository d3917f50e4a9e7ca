using System.Buffers;
using System.Security.Cryptography;

namespace SafetyLedger.Ledger.Merkle;

/// <summary>RFC 9162 §2.1.1 hashing: SHA-256 with domain separation between leaves (0x00) and interior nodes (0x01).</summary>
public static class MerkleHash
{
    /// <summary>Length in bytes of every hash in the tree.</summary>
    public const int Size = 32;

    private const byte LeafPrefix = 0x00;
    private const byte NodePrefix = 0x01;
    private const int StackLimit = 1024;

    /// <summary>Leaf hash: SHA-256(0x00 ‖ <paramref name="entryBytes"/>).</summary>
    public static byte[] Leaf(ReadOnlySpan<byte> entryBytes)
    {
        var result = new byte[Size];
        var length = entryBytes.Length + 1;
        if (length <= StackLimit)
        {
            Span<byte> buffer = stackalloc byte[length];
            HashPrefixed(entryBytes, buffer, result);
            return result;
        }

        var rented = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            HashPrefixed(entryBytes, rented.AsSpan(0, length), result);
        }
        finally
        {
            // Entries may be sensitive; do not leave them in the shared pool.
            rented.AsSpan(0, length).Clear();
            ArrayPool<byte>.Shared.Return(rented);
        }

        return result;
    }

    /// <summary>
    /// Leaf hash with a caller-owned SHA-256 <paramref name="hasher"/> (reusing one saves the per-call
    /// context set-up, which costs about as much as hashing a 400-byte entry).
    /// </summary>
    public static byte[] Leaf(IncrementalHash hasher, ReadOnlySpan<byte> entryBytes)
    {
        ArgumentNullException.ThrowIfNull(hasher);
        ReadOnlySpan<byte> prefix = [LeafPrefix];
        hasher.AppendData(prefix);
        hasher.AppendData(entryBytes);
        var result = new byte[Size];
        hasher.GetHashAndReset(result);
        return result;
    }

    /// <summary>Interior node hash: SHA-256(0x01 ‖ <paramref name="left"/> ‖ <paramref name="right"/>); both must be 32 bytes.</summary>
    public static byte[] Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right)
    {
        var result = new byte[Size];
        Node(left, right, result);
        return result;
    }

    /// <summary>Root of the empty tree: SHA-256 of the empty string. A new array on every call.</summary>
    public static byte[] EmptyRoot() => SHA256.HashData(ReadOnlySpan<byte>.Empty);

    /// <summary>Writes the interior node hash into <paramref name="destination"/>, which may overlap either input.</summary>
    internal static void Node(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        RequireHash(left, nameof(left));
        RequireHash(right, nameof(right));
        Span<byte> buffer = stackalloc byte[1 + Size + Size];
        buffer[0] = NodePrefix;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + Size)..]);
        SHA256.HashData(buffer, destination);
    }

    private static void HashPrefixed(ReadOnlySpan<byte> entryBytes, Span<byte> buffer, Span<byte> destination)
    {
        buffer[0] = LeafPrefix;
        entryBytes.CopyTo(buffer[1..]);
        SHA256.HashData(buffer, destination);
    }

    private static void RequireHash(ReadOnlySpan<byte> hash, string paramName)
    {
        if (hash.Length != Size)
        {
            throw new ArgumentException($"A Merkle hash is {Size} bytes, not {hash.Length}.", paramName);
        }
    }
}
