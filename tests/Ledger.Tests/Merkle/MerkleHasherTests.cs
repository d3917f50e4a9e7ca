using System.Security.Cryptography;
using SafetyLedger.Ledger.Merkle;

namespace SafetyLedger.Ledger.Tests.Merkle;

public sealed class MerkleHasherTests
{
    [Fact]
    public void On_the_supported_platform_the_append_path_hashes_through_openssl()
    {
        // The service is built for Debian, whose OpenSSL 3 .NET itself uses.
        using var hasher = new MerkleHasher();

        Assert.True(hasher.UsesOpenSsl, "libcrypto.so.3 was not loaded: appends fall back to .NET's slower SHA-256.");
    }

    [Fact]
    public void The_fallback_does_not_use_openssl()
    {
        using var hasher = new MerkleHasher(preferOpenSsl: false);

        Assert.False(hasher.UsesOpenSsl);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Leaf_of_the_empty_entry_is_sha256_of_a_single_zero_byte(bool preferOpenSsl)
    {
        using var hasher = new MerkleHasher(preferOpenSsl);
        var hash = new byte[MerkleHash.Size];

        hasher.Leaf([], hash);

        Assert.Equal("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", Convert.ToHexStringLower(hash));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Leaves_and_nodes_equal_sha256_of_the_prefixed_bytes_for_every_length(bool preferOpenSsl)
    {
        using var hasher = new MerkleHasher(preferOpenSsl);
        var random = new Random(9162);
        var hash = new byte[MerkleHash.Size];
        for (var length = 0; length <= 1100; length++)
        {
            var entry = new byte[length];
            random.NextBytes(entry);

            hasher.Leaf(entry, hash);

            Assert.Equal(SHA256.HashData([0x00, .. entry]), hash);
        }

        var left = new byte[MerkleHash.Size];
        var right = new byte[MerkleHash.Size];
        for (var i = 0; i < 200; i++)
        {
            random.NextBytes(left);
            random.NextBytes(right);

            hasher.Node(left, right, hash);

            Assert.Equal(SHA256.HashData([0x01, .. left, .. right]), hash);
            Assert.Equal(MerkleHash.Node(left, right), hash);
        }
    }

    [Fact]
    public void A_node_may_be_written_over_its_left_input()
    {
        using var hasher = new MerkleHasher();
        var left = RandomNumberGenerator.GetBytes(MerkleHash.Size);
        var right = RandomNumberGenerator.GetBytes(MerkleHash.Size);
        var expected = MerkleHash.Node(left, right);

        hasher.Node(left, right, left);

        Assert.Equal(expected, left);
    }

    [Fact]
    public void A_disposed_openssl_context_refuses_to_hash()
    {
        var sha256 = OpenSslSha256.TryCreate();
        Assert.NotNull(sha256);
        sha256.Dispose();
        sha256.Dispose();

        Assert.Throws<ObjectDisposedException>(() => sha256.Hash([1], [], new byte[MerkleHash.Size]));
    }
}
