using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using NSec.Cryptography;
using SafetyLedger.Ledger.Notes;

namespace SafetyLedger.Ledger.Tests.Notes;

public sealed class SignedNoteTests
{
    // Published example from the documentation of golang.org/x/mod/sumdb/note.
    private const string NeumannSignerKey = "PRIVATE+KEY+PeterNeumann+c74f20a3+AYEKFALVFGyNhPJEMzD1QIDr+Y7hfZx09iUvxdXHKDFz";
    private const string NeumannVerifierKey = "PeterNeumann+c74f20a3+ARpc2QcUPDhMQegwxbzhKqiBfsVkmqq/LDE4izWy10TW";
    private const string NeumannText = "If you think cryptography is the answer to your problem,\nthen you don't know what your problem is.\n";
    private const string NeumannLine = "\u2014 PeterNeumann x08go/ZJkuBS9UG/SffcvIAQxVBtiFupLLr8pAcElZInNIuGUgYN1FFYC2pZSNXgKvqfqdngotpRZb6KE6RyyBwJnAM=\n";

    // Same documentation: "EnochRoot" key generated from an all-zero random source (seed = 32 zero bytes).
    private const string EnochLine = "\u2014 EnochRoot rwz+eBzmZa0SO3NbfRGzPCpDckykFXSdeX+MNtCOXm2/5n2tiOHp+vAF1aGrQ5ovTG01oOTGwnWLox33WWd1RvMc+QQ=\n";

    private static string EnochSignerKey()
    {
        var seed = new byte[32];
        using var key = Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey);
        var publicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        var digest = SHA256.HashData([.. "EnochRoot\n"u8, 0x01, .. publicKey]);
        var hash = BinaryPrimitives.ReadUInt32BigEndian(digest).ToString("x8", System.Globalization.CultureInfo.InvariantCulture);
        return $"PRIVATE+KEY+EnochRoot+{hash}+{Convert.ToBase64String([0x01, .. seed])}";
    }

    [Fact]
    public void Published_Go_example_note_parses_and_verifies()
    {
        var note = SignedNote.Parse(NeumannText + "\n" + NeumannLine);
        var verifier = NoteVerifier.Parse(NeumannVerifierKey);

        Assert.Equal(NeumannText, note.Text);
        Assert.Equal(0xc74f20a3u, verifier.KeyHash);
        var signature = Assert.Single(note.Signatures);
        Assert.Equal("PeterNeumann", signature.Name);
        Assert.Equal(0xc74f20a3u, signature.KeyHash);
        Assert.True(note.IsSignedBy(verifier));
    }

    [Fact]
    public void Signing_with_the_published_Go_example_key_reproduces_the_published_note()
    {
        using var signer = NoteSigner.FromSignerKey(NeumannSignerKey);

        Assert.Equal(NeumannVerifierKey, signer.VerifierKey);
        Assert.Equal(NeumannText + "\n" + NeumannLine, SignedNote.Sign(NeumannText, [signer]).Serialize());
    }

    [Fact]
    public void Two_signers_reproduce_the_published_doubly_signed_Go_example()
    {
        using var neumann = NoteSigner.FromSignerKey(NeumannSignerKey);
        using var enoch = NoteSigner.FromSignerKey(EnochSignerKey());

        var note = SignedNote.Sign(NeumannText, [neumann, enoch]);

        Assert.Equal(NeumannText + "\n" + NeumannLine + EnochLine, note.Serialize());
    }

    [Fact]
    public void Signed_note_has_the_c2sp_shape()
    {
        var seed = Enumerable.Range(100, 32).Select(i => (byte)i).ToArray();
        var skey = $"PRIVATE+KEY+x+{KeyHashOf("x", seed):x8}+{Convert.ToBase64String([0x01, .. seed])}";
        using var signer = NoteSigner.FromSignerKey(skey);

        var serialized = SignedNote.Sign("a\nb\n", [signer]).Serialize();

        Assert.StartsWith("a\nb\n\n\u2014 x ", serialized, StringComparison.Ordinal);
        Assert.EndsWith("\n", serialized, StringComparison.Ordinal);
        var payload = Convert.FromBase64String(serialized["a\nb\n\n\u2014 x ".Length..^1]);
        Assert.Equal(68, payload.Length);
        Assert.Equal(signer.KeyHash, BinaryPrimitives.ReadUInt32BigEndian(payload));
        using var key = Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey);
        Assert.True(SignatureAlgorithm.Ed25519.Verify(key.PublicKey, "a\nb\n"u8, payload.AsSpan(4)));
    }

    private static uint KeyHashOf(string name, byte[] seed)
    {
        using var key = Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey);
        var digest = SHA256.HashData([.. Encoding.UTF8.GetBytes(name), 0x0A, 0x01, .. key.PublicKey.Export(KeyBlobFormat.RawPublicKey)]);
        return BinaryPrimitives.ReadUInt32BigEndian(digest);
    }

    [Fact]
    public void Sign_serialize_parse_round_trip_is_signed_by_the_signer()
    {
        using var signer = NoteSigner.Generate("ledger.example/log");
        const string text = "ledger.example/log\n3\nblank lines below are text\n\nstill text\n";

        var serialized = SignedNote.Sign(text, [signer]).Serialize();
        var parsed = SignedNote.Parse(serialized);

        Assert.Equal(text, parsed.Text);
        Assert.Equal(serialized, parsed.Serialize());
        Assert.True(parsed.IsSignedBy(NoteVerifier.Parse(signer.VerifierKey)));
        Assert.NotNull(parsed.FindSignature(NoteVerifier.Parse(signer.VerifierKey)));
    }

    [Fact]
    public void Changing_one_byte_of_the_text_breaks_the_signature()
    {
        using var signer = NoteSigner.Generate("ledger.example/log");
        var serialized = SignedNote.Sign("size 10\n", [signer]).Serialize();

        var tampered = SignedNote.Parse(serialized.Replace("size 10", "size 11", StringComparison.Ordinal));

        Assert.False(tampered.IsSignedBy(NoteVerifier.Parse(signer.VerifierKey)));
    }

    [Fact]
    public void Another_key_with_the_same_name_does_not_verify()
    {
        using var signer = NoteSigner.Generate("ledger.example/log");
        using var impostor = NoteSigner.Generate("ledger.example/log");
        var note = SignedNote.Parse(SignedNote.Sign("t\n", [impostor]).Serialize());

        Assert.False(note.IsSignedBy(NoteVerifier.Parse(signer.VerifierKey)));
        Assert.Null(note.FindSignature(NoteVerifier.Parse(signer.VerifierKey)));
    }

    [Fact]
    public void Signature_line_with_the_right_name_but_another_key_hash_does_not_count()
    {
        using var signer = NoteSigner.Generate("ledger.example/log");
        var serialized = SignedNote.Sign("t\n", [signer]).Serialize();
        var line = serialized[(serialized.LastIndexOf(' ') + 1)..^1];
        var payload = Convert.FromBase64String(line);
        BinaryPrimitives.WriteUInt32BigEndian(payload, signer.KeyHash ^ 0x80000000u);
        var relabelled = serialized.Replace(line, Convert.ToBase64String(payload), StringComparison.Ordinal);

        var note = SignedNote.Parse(relabelled);

        Assert.False(note.IsSignedBy(NoteVerifier.Parse(signer.VerifierKey)));
    }

    [Fact]
    public void Signature_line_with_the_right_key_hash_but_another_name_does_not_count()
    {
        using var signer = NoteSigner.Generate("ledger.example/log");
        var renamed = SignedNote.Sign("t\n", [signer]).Serialize()
            .Replace("\u2014 ledger.example/log ", "\u2014 ledger.example/other ", StringComparison.Ordinal);

        Assert.False(SignedNote.Parse(renamed).IsSignedBy(NoteVerifier.Parse(signer.VerifierKey)));
    }

    [Fact]
    public void Rotation_note_is_signed_by_both_keys_and_each_verifier_works_alone()
    {
        using var oldKey = NoteSigner.Generate("ledger.example/log");
        using var newKey = NoteSigner.Generate("ledger.example/log");

        var note = SignedNote.Parse(SignedNote.Sign("rotating\n", [oldKey, newKey]).Serialize());

        Assert.Equal(2, note.Signatures.Count);
        Assert.True(note.IsSignedBy(NoteVerifier.Parse(oldKey.VerifierKey)));
        Assert.True(note.IsSignedBy(NoteVerifier.Parse(newKey.VerifierKey)));
    }

    [Fact]
    public void Unknown_signatures_are_kept_and_ignored()
    {
        using var log = NoteSigner.Generate("ledger.example/log");
        using var witness = NoteSigner.Generate("witness.example");
        var note = SignedNote.Parse(SignedNote.Sign("t\n", [witness, log]).Serialize());

        Assert.True(note.IsSignedBy(NoteVerifier.Parse(log.VerifierKey)));
        Assert.Equal(["witness.example", "ledger.example/log"], note.Signatures.Select(s => s.Name), StringComparer.Ordinal);
    }

    [Fact]
    public void Sign_rejects_text_without_final_newline_and_no_signers()
    {
        using var signer = NoteSigner.Generate("n");

        Assert.Throws<ArgumentException>(() => SignedNote.Sign("no newline", [signer]));
        Assert.Throws<ArgumentException>(() => SignedNote.Sign("tab\there\n", [signer]));
        Assert.Throws<ArgumentException>(() => SignedNote.Sign("t\n", []));
        Assert.Throws<ArgumentException>(() => SignedNote.Sign("t\n", [signer, signer]));
    }

    public static TheoryData<string, string> MalformedNotes()
    {
        using var signer = NoteSigner.Generate("n");
        var good = SignedNote.Sign("text\n", [signer]).Serialize();
        var b64 = good[(good.LastIndexOf(' ') + 1)..^1];
        var padBitsSet = b64[..^2] + (char)(b64[^2] + 1) + "=";
        return new TheoryData<string, string>
        {
            { "text", "blank line" },
            { $"text\n\u2014 n {b64}\n", "blank line" },
            { "text\n\n", "no signature lines" },
            { $"text\n\n\u2014 n {b64}", "newline" },
            { $"text\n\n\u2014 n {b64}\n\n", "no signature lines" },
            { $"text\n\n- n {b64}\n", "em dash" },
            { $"text\n\n\u2013 n {b64}\n", "em dash" },
            { $"text\n\n\u2014n {b64}\n", "em dash" },
            { $"text\n\n\u2014 n{b64}\n", "no space" },
            { $"text\n\n\u2014 n  {b64}\n", "base64" },
            { $"text\n\n\u2014 n {b64} \n", "base64" },
            { $"text\n\n\u2014 n !{b64[1..]}\n", "base64" },
            { $"text\n\n\u2014 n {padBitsSet}\n", "base64" },
            { "text\n\n\u2014 n AAAAAA==\n", "base64" },
            { $"text\n\n\u2014 n+m {b64}\n", "'+'" },
            { $"text\n\n\u2014  {b64}\n", "empty" },
            { $"te\u0001xt\n\n\u2014 n {b64}\n", "control character" },
            { $"text\r\n\n\u2014 n {b64}\n", "control character" },
            { $"text\n\n\u2014 n {b64}\r\n", "control character" },
        };
    }

    [Theory]
    [MemberData(nameof(MalformedNotes))]
    public void Parse_rejects_malformed_notes_with_a_message(string note, string expectedFragment) =>
        ParseAssert.Rejects(SignedNote.Parse, SignedNote.TryParse, note, expectedFragment);

    [Fact]
    public void Parse_rejects_text_that_is_not_valid_UTF8()
    {
        // Not a theory case: xunit's theory data serialization would replace the lone surrogate.
        using var signer = NoteSigner.Generate("n");
        var good = SignedNote.Sign("text\n", [signer]).Serialize();

        var error = Assert.Throws<FormatException>(() => SignedNote.Parse("te\ud800" + good[2..]));
        Assert.Contains("UTF-8", error.Message, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => SignedNote.Parse(good[..^2] + "\udc00\n"));
    }

    [Fact]
    public void Parse_rejects_more_than_the_maximum_number_of_signatures()
    {
        using var signer = NoteSigner.Generate("n");
        var good = SignedNote.Sign("t\n", [signer]).Serialize();
        var line = good["t\n\n".Length..];
        var at16 = "t\n\n" + string.Concat(Enumerable.Repeat(line, 16));
        var over = "t\n\n" + string.Concat(Enumerable.Repeat(line, SignedNote.MaxSignatures + 1));

        Assert.Equal(16, SignedNote.Parse(at16).Signatures.Count);
        Assert.Throws<FormatException>(() => SignedNote.Parse(over));
    }
}
