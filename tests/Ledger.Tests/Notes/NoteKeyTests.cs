using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;
using SafetyLedger.Ledger.Notes;

namespace SafetyLedger.Ledger.Tests.Notes;

public sealed class NoteKeyTests
{
    private static uint KeyHashByHand(string name, byte[] publicKey)
    {
        var input = Encoding.UTF8.GetBytes(name).Concat(new byte[] { 0x0A, 0x01 }).Concat(publicKey).ToArray();
        var digest = SHA256.HashData(input);
        return (uint)(digest[0] << 24 | digest[1] << 16 | digest[2] << 8 | digest[3]);
    }

    private static byte[] PublicKeyOf(string verifierKey) =>
        Convert.FromBase64String(verifierKey.Split('+', 3)[2])[1..];

    [Fact]
    public void Generated_signer_key_round_trips_to_the_same_key()
    {
        using var signer = NoteSigner.Generate("ledger.example/log");
        using var reloaded = NoteSigner.FromSignerKey(signer.SignerKey);

        Assert.Equal(signer.Name, reloaded.Name);
        Assert.Equal(signer.KeyHash, reloaded.KeyHash);
        Assert.Equal(signer.VerifierKey, reloaded.VerifierKey);
        Assert.Equal(signer.SignerKey, reloaded.SignerKey);
        Assert.StartsWith("PRIVATE+KEY+ledger.example/log+", signer.SignerKey, StringComparison.Ordinal);
    }

    [Fact]
    public void Verifier_key_round_trips_and_verifies_the_signers_signatures()
    {
        using var signer = NoteSigner.Generate("ledger.example/log");
        var verifier = NoteVerifier.Parse(signer.VerifierKey);
        var message = "hello\n"u8.ToArray();

        Assert.Equal(signer.Name, verifier.Name);
        Assert.Equal(signer.KeyHash, verifier.KeyHash);
        Assert.True(verifier.Verify(message, signer.Sign(message)));
        Assert.False(verifier.Verify("hellO\n"u8, signer.Sign(message)));
    }

    [Fact]
    public void Key_hash_is_first_four_bytes_of_sha256_of_name_newline_algorithm_and_public_key()
    {
        using var signer = NoteSigner.Generate("ledger.example/log");
        var publicKey = PublicKeyOf(signer.VerifierKey);

        Assert.Equal(32, publicKey.Length);
        Assert.Equal(KeyHashByHand("ledger.example/log", publicKey), signer.KeyHash);
        Assert.Equal(signer.KeyHash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture), signer.VerifierKey.Split('+')[1]);
    }

    [Fact]
    public void Fixed_seed_gives_the_independently_derived_verifier_key()
    {
        var seed = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        const string name = "ledger.example/kat";
        using var nsecKey = Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey);
        var publicKey = nsecKey.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        var hash = KeyHashByHand(name, publicKey);
        var hex = hash.ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        var skey = $"PRIVATE+KEY+{name}+{hex}+{Convert.ToBase64String([0x01, .. seed])}";
        var expectedVkey = $"{name}+{hex}+{Convert.ToBase64String([0x01, .. publicKey])}";

        using var signer = NoteSigner.FromSignerKey(skey);

        Assert.Equal(expectedVkey, signer.VerifierKey);
        Assert.Equal(skey, signer.SignerKey);
        Assert.Equal(hash, signer.KeyHash);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a+b")]
    [InlineData("a b")]
    [InlineData("a\tb")]
    [InlineData("a\u00a0b")]
    [InlineData("a\u2003b")]
    [InlineData("a\nb")]
    public void Generate_rejects_invalid_key_names(string name) =>
        Assert.Throws<ArgumentException>(() => NoteSigner.Generate(name));

    [Theory]
    [InlineData("PRIVATE+KEY+name+0000000+AAAA", "8 hexadecimal")]
    [InlineData("PUBLIC+KEY+name+00000000+AQ==", "PRIVATE+KEY")]
    [InlineData("PRIVATE+KEY+name", "expected")]
    [InlineData("PRIVATE+KEY+name+zzzzzzzz+AAAA", "8 hexadecimal")]
    [InlineData("PRIVATE+KEY+name+00000000+!!!!", "base64")]
    [InlineData("PRIVATE+KEY++00000000+AAAA", "empty")]
    public void FromSignerKey_rejects_malformed_keys_with_a_message(string skey, string expectedFragment)
    {
        var error = Assert.Throws<FormatException>(() => NoteSigner.FromSignerKey(skey));
        Assert.Contains(expectedFragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSignerKey_rejects_a_key_whose_hash_does_not_match()
    {
        using var signer = NoteSigner.Generate("ledger.example/log");
        var parts = signer.SignerKey.Split('+', 5);
        var wrongHash = (signer.KeyHash ^ 1).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        var tampered = $"PRIVATE+KEY+{parts[2]}+{wrongHash}+{parts[4]}";

        var error = Assert.Throws<FormatException>(() => NoteSigner.FromSignerKey(tampered));
        Assert.Contains("does not match", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(parts[4], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromSignerKey_rejects_a_renamed_key_because_the_hash_covers_the_name()
    {
        using var signer = NoteSigner.Generate("ledger.example/log");
        var renamed = signer.SignerKey.Replace("ledger.example/log", "ledger.example/other", StringComparison.Ordinal);

        Assert.Throws<FormatException>(() => NoteSigner.FromSignerKey(renamed));
    }

    public static TheoryData<string, string> MalformedVerifierKeys()
    {
        using var signer = NoteSigner.Generate("ledger.example/log");
        var vkey = signer.VerifierKey;
        var parts = vkey.Split('+', 3);
        var key = Convert.FromBase64String(parts[2]);
        var wrongAlg = Convert.ToBase64String([0x02, .. key[1..]]);
        var shortKey = Convert.ToBase64String(key[..^1]);
        var wrongHash = (signer.KeyHash + 1).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        return new TheoryData<string, string>
        {
            { "ledger.example/log", "expected" },
            { $"{parts[0]}+{parts[1]}", "expected" },
            { $"{parts[0]}+{parts[1][..7]}g+{parts[2]}", "hexadecimal" },
            { $"{parts[0]}+{parts[1]}0+{parts[2]}", "hexadecimal" },
            { $"{parts[0]}+{parts[1]}+{parts[2][..^1]}", "base64" },
            { $"{parts[0]}+{parts[1]}+ {parts[2]}", "base64" },
            { $"{parts[0]}+{parts[1]}+{wrongAlg}", "algorithm" },
            { $"{parts[0]}+{parts[1]}+{shortKey}", "32 bytes" },
            { $"{parts[0]}+{wrongHash}+{parts[2]}", "does not match" },
            { $"+{parts[1]}+{parts[2]}", "empty" },
            { $"led ger+{parts[1]}+{parts[2]}", "white space" },
        };
    }

    [Theory]
    [MemberData(nameof(MalformedVerifierKeys))]
    public void Verifier_Parse_rejects_malformed_keys_with_a_message(string vkey, string expectedFragment) =>
        ParseAssert.Rejects(NoteVerifier.Parse, NoteVerifier.TryParse, vkey, expectedFragment);

    [Fact]
    public void Verifier_rejects_signatures_of_the_wrong_length()
    {
        using var signer = NoteSigner.Generate("n");
        var verifier = NoteVerifier.Parse(signer.VerifierKey);
        var signature = signer.Sign("m"u8);

        Assert.False(verifier.Verify("m"u8, signature.AsSpan(0, 63)));
        Assert.False(verifier.Verify("m"u8, [.. signature, 0]));
    }
}
