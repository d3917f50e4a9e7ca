using SafetyLedger.Ledger.Notes;

namespace SafetyLedger.Ledger.Tests.Notes;

public sealed class TlogProofTests
{
    private static readonly byte[] HashA = Enumerable.Repeat((byte)0xAA, 32).ToArray();
    private static readonly byte[] HashB = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();

    private static string SignedCheckpoint()
    {
        using var signer = NoteSigner.Generate("ledger.example/log");
        var checkpoint = new Checkpoint("ledger.example/log", 10, HashB, []);
        return SignedNote.Sign(checkpoint.ToNoteText(), [signer]).Serialize();
    }

    [Fact]
    public void Format_writes_header_extra_index_hashes_empty_line_and_checkpoint()
    {
        var note = SignedCheckpoint();
        var proof = new TlogProof(3, [HashA, HashB], note, [1, 2, 3]);

        var expected = "c2sp.org/tlog-proof@v1\nextra AQID\nindex 3\n"
            + Convert.ToBase64String(HashA) + "\n" + Convert.ToBase64String(HashB) + "\n\n" + note;
        Assert.Equal(expected, proof.Format());
    }

    [Fact]
    public void Format_omits_the_extra_line_when_there_is_no_extra_data()
    {
        var note = SignedCheckpoint();

        Assert.Equal("c2sp.org/tlog-proof@v1\nindex 0\n\n" + note, new TlogProof(0, [], note).Format());
    }

    [Fact]
    public void Proof_round_trips_with_and_without_extra_data()
    {
        var note = SignedCheckpoint();
        var withExtra = new TlogProof(9, [HashA, HashB], note, [0xFF]);
        var without = new TlogProof(9, [HashA], note);

        Assert.Equal(withExtra, TlogProof.Parse(withExtra.Format()));
        Assert.Equal(without, TlogProof.Parse(without.Format()));
        Assert.Null(TlogProof.Parse(without.Format()).Extra);
        Assert.NotEqual(withExtra, without);
        Assert.Equal(note, TlogProof.Parse(withExtra.Format()).CheckpointNote);
    }

    [Fact]
    public void Parsed_checkpoint_note_still_verifies()
    {
        using var signer = NoteSigner.Generate("ledger.example/log");
        var note = SignedNote.Sign(new Checkpoint("ledger.example/log", 2, HashA, []).ToNoteText(), [signer]).Serialize();

        var proof = TlogProof.Parse(new TlogProof(1, [HashB], note).Format());

        Assert.True(SignedNote.Parse(proof.CheckpointNote).IsSignedBy(NoteVerifier.Parse(signer.VerifierKey)));
    }

    public static TheoryData<string, string> MalformedProofs()
    {
        var note = SignedCheckpoint();
        var a = Convert.ToBase64String(HashA);
        return new TheoryData<string, string>
        {
            { "", "first line" },
            { $"c2sp.org/tlog-proof@v2\nindex 1\n{a}\n\n{note}", "first line" },
            { $"c2sp.org/tlog-proof@v1 \nindex 1\n{a}\n\n{note}", "first line" },
            { $"c2sp.org/tlog-proof@v1\n{a}\n\n{note}", "index" },
            { $"c2sp.org/tlog-proof@v1\nindex 01\n{a}\n\n{note}", "index" },
            { $"c2sp.org/tlog-proof@v1\nindex -1\n{a}\n\n{note}", "index" },
            { $"c2sp.org/tlog-proof@v1\nindex\n{a}\n\n{note}", "index" },
            { $"c2sp.org/tlog-proof@v1\nindex 1", "index" },
            { $"c2sp.org/tlog-proof@v1\nextra \nindex 1\n{a}\n\n{note}", "extra" },
            { $"c2sp.org/tlog-proof@v1\nextra A Q==\nindex 1\n{a}\n\n{note}", "extra" },
            { $"c2sp.org/tlog-proof@v1\nindex 1\nextra AQ==\n{a}\n\n{note}", "proof line" },
            { $"c2sp.org/tlog-proof@v1\nindex 1\n{a[..^4]}\n\n{note}", "proof line" },
            { $"c2sp.org/tlog-proof@v1\nindex 1\n{a} \n\n{note}", "proof line" },
            { $"c2sp.org/tlog-proof@v1\nindex 1\n{a}\n", "no empty line" },
            { $"c2sp.org/tlog-proof@v1\nindex 1\n{a}\n{note}", "proof line" },
            { $"c2sp.org/tlog-proof@v1\nindex 1\n{a}\n\n", "checkpoint" },
            { $"c2sp.org/tlog-proof@v1\nindex 1\n{a}\n\nnot a note\n", "checkpoint" },
            { $"c2sp.org/tlog-proof@v1\nindex 1\n{a}\n\n{note}trailing\n", "checkpoint" },
            { $"c2sp.org/tlog-proof@v1\nindex 1\n{a}\n\n{note.Replace("\n10\n", "\n010\n", StringComparison.Ordinal)}", "checkpoint: tree size" },
            { $"c2sp.org/tlog-proof@v1\r\nindex 1\n{a}\n\n{note}", "first line" },
        };
    }

    [Theory]
    [MemberData(nameof(MalformedProofs))]
    public void Parse_rejects_malformed_proofs_with_a_message(string text, string expectedFragment) =>
        ParseAssert.Rejects(TlogProof.Parse, TlogProof.TryParse, text, expectedFragment);

    [Fact]
    public void Format_refuses_invalid_proofs()
    {
        var note = SignedCheckpoint();

        Assert.Throws<InvalidOperationException>(() => new TlogProof(-1, [], note).Format());
        Assert.Throws<InvalidOperationException>(() => new TlogProof(1, [new byte[31]], note).Format());
        Assert.Throws<InvalidOperationException>(() => new TlogProof(1, [], note, []).Format());
        Assert.Throws<InvalidOperationException>(() => new TlogProof(1, [], "not a note\n").Format());
    }
}
