using System.Security.Cryptography;
using SafetyLedger.Ledger.Merkle;

namespace SafetyLedger.Ledger.Tests.Merkle;

public sealed class MerkleHashTests
{
    [Fact]
    public void Empty_root_is_sha256_of_the_empty_string()
    {
        Assert.Equal("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", Convert.ToHexStringLower(MerkleHash.EmptyRoot()));
    }

    [Fact]
    public void Empty_root_is_a_new_array_on_every_call()
    {
        var first = MerkleHash.EmptyRoot();
        first[0] ^= 0xFF;

        Assert.NotSame(first, MerkleHash.EmptyRoot());
        Assert.Equal(0xE3, MerkleHash.EmptyRoot()[0]);
    }

    [Fact]
    public void Leaf_hash_of_the_empty_entry_is_sha256_of_a_single_zero_byte()
    {
        Assert.Equal("6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d", Convert.ToHexStringLower(MerkleHash.Leaf([])));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1023)]
    [InlineData(1024)]
    [InlineData(100_000)]
    public void Leaf_hash_prefixes_the_entry_with_0x00(int length)
    {
        var entry = new byte[length];
        new Random(length).NextBytes(entry);

        Assert.Equal(SHA256.HashData([0x00, .. entry]), MerkleHash.Leaf(entry));
    }

    [Fact]
    public void Node_hash_prefixes_left_and_right_with_0x01()
    {
        var left = SHA256.HashData("left"u8);
        var right = SHA256.HashData("right"u8);

        Assert.Equal(SHA256.HashData([0x01, .. left, .. right]), MerkleHash.Node(left, right));
    }

    [Fact]
    public void Node_and_leaf_hashes_of_the_same_bytes_differ()
    {
        var left = new byte[MerkleHash.Size];
        var right = new byte[MerkleHash.Size];

        Assert.NotEqual(MerkleHash.Leaf([.. left, .. right]), MerkleHash.Node(left, right));
    }

    [Theory]
    [InlineData(31, 32)]
    [InlineData(32, 33)]
    [InlineData(0, 32)]
    public void Node_rejects_inputs_that_are_not_32_bytes(int leftLength, int rightLength)
    {
        Assert.Throws<ArgumentException>(() => MerkleHash.Node(new byte[leftLength], new byte[rightLength]));
    }

    [Fact]
    public void A_leaf_hashed_with_a_reused_hasher_equals_the_one_shot_leaf_hash()
    {
        using var hasher = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        var random = new Random(5);
        for (var length = 0; length < 1_500; length += 37)
        {
            var entry = new byte[length];
            random.NextBytes(entry);

            Assert.Equal(MerkleHash.Leaf(entry), MerkleHash.Leaf(hasher, entry));
        }
    }
}
