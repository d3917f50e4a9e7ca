using SafetyLedger.Ledger.Notes;

namespace SafetyLedger.Ledger.Tests.Notes;

public sealed class CheckpointTests
{
    private const string Root0To31 = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
    private static readonly byte[] Root = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    [Fact]
    public void ToNoteText_writes_origin_size_base64_root_and_extensions_each_ending_in_newline()
    {
        var checkpoint = new Checkpoint("ledger.example/log", 1234, Root, ["ext one", "ext two"]);

        Assert.Equal($"ledger.example/log\n1234\n{Root0To31}\next one\next two\n", checkpoint.ToNoteText());
        Assert.Equal($"o\n0\n{Root0To31}\n", new Checkpoint("o", 0, Root, []).ToNoteText());
    }

    [Fact]
    public void Note_text_round_trips_to_an_equal_checkpoint()
    {
        var checkpoint = new Checkpoint("ledger.example/log", long.MaxValue, Root, ["x"]);

        var parsed = Checkpoint.ParseNoteText(checkpoint.ToNoteText());

        Assert.Equal(checkpoint, parsed);
        Assert.NotSame(checkpoint.RootHash, parsed.RootHash);
        Assert.NotEqual(checkpoint, parsed with { Size = 1 });
        Assert.NotEqual(checkpoint, parsed with { RootHash = new byte[32] });
    }

    [Fact]
    public void Parses_the_c2sp_spec_example_text()
    {
        var parsed = Checkpoint.ParseNoteText("example.com/behind-the-sofa\n20852163\nCsUYapGGPo4dkMgIAUqom/Xajj7h2fB2MPA3j2jxq2I=\n");

        Assert.Equal("example.com/behind-the-sofa", parsed.Origin);
        Assert.Equal(20852163, parsed.Size);
        Assert.Equal(32, parsed.RootHash.Length);
        Assert.Empty(parsed.Extensions);
    }

    [Fact]
    public void Signed_checkpoint_round_trips_through_a_signed_note()
    {
        using var signer = NoteSigner.Generate("ledger.example/log");
        var checkpoint = new Checkpoint("ledger.example/log", 7, Root, []);

        var note = SignedNote.Parse(SignedNote.Sign(checkpoint.ToNoteText(), [signer]).Serialize());

        Assert.True(note.IsSignedBy(NoteVerifier.Parse(signer.VerifierKey)));
        Assert.Equal(checkpoint, Checkpoint.ParseNoteText(note.Text));
    }

    [Theory]
    [InlineData("o\n1\n" + Root0To31, "newline")]
    [InlineData("o\n1\n", "three lines")]
    [InlineData("\n1\n" + Root0To31 + "\n", "origin is empty")]
    [InlineData("o\n01\n" + Root0To31 + "\n", "leading zeros")]
    [InlineData("o\n00\n" + Root0To31 + "\n", "leading zeros")]
    [InlineData("o\n-1\n" + Root0To31 + "\n", "tree size")]
    [InlineData("o\n+1\n" + Root0To31 + "\n", "tree size")]
    [InlineData("o\n 1\n" + Root0To31 + "\n", "tree size")]
    [InlineData("o\n1.0\n" + Root0To31 + "\n", "tree size")]
    [InlineData("o\n\n" + Root0To31 + "\n", "tree size")]
    [InlineData("o\n\u0661\n" + Root0To31 + "\n", "tree size")]
    [InlineData("o\n99999999999999999999\n" + Root0To31 + "\n", "tree size")]
    [InlineData("o\n1\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHg==\n", "32 bytes")]
    [InlineData("o\n1\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8\n", "base64")]
    [InlineData("o\n1\nAAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh-=\n", "base64")]
    [InlineData("o\n1\n" + Root0To31 + "\n\n", "empty")]
    [InlineData("o\n1\n" + Root0To31 + "\next\n\nmore\n", "empty")]
    [InlineData("o\r\n1\n" + Root0To31 + "\n", "control character")]
    public void ParseNoteText_rejects_malformed_text_with_a_message(string text, string expectedFragment) =>
        ParseAssert.Rejects(Checkpoint.ParseNoteText, Checkpoint.TryParse, text, expectedFragment);

    [Fact]
    public void ToNoteText_refuses_invalid_checkpoints()
    {
        Assert.Throws<InvalidOperationException>(() => new Checkpoint("", 1, Root, []).ToNoteText());
        Assert.Throws<InvalidOperationException>(() => new Checkpoint("o", -1, Root, []).ToNoteText());
        Assert.Throws<InvalidOperationException>(() => new Checkpoint("o", 1, new byte[31], []).ToNoteText());
        Assert.Throws<InvalidOperationException>(() => new Checkpoint("o", 1, Root, [""]).ToNoteText());
        Assert.Throws<InvalidOperationException>(() => new Checkpoint("o", 1, Root, ["a\nb"]).ToNoteText());
        Assert.Throws<InvalidOperationException>(() => new Checkpoint("o\n", 1, Root, []).ToNoteText());
    }
}
