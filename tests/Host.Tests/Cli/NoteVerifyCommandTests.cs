using SafetyLedger.Ledger.Notes;

namespace SafetyLedger.Host.Tests.Cli;

public sealed class NoteVerifyCommandTests : IDisposable
{
    private readonly CliRunner cli = new();
    private readonly NoteSigner signer = NoteSigner.Generate("example.com/log");
    private readonly NoteSigner other = NoteSigner.Generate("example.com/log");

    public void Dispose()
    {
        cli.Dispose();
        signer.Dispose();
        other.Dispose();
    }

    [Fact]
    public async Task A_note_signed_by_the_key_verifies_and_prints_its_text()
    {
        var note = SignedNote.Sign("example.com/log\n5\nAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n", [signer]).Serialize();

        var result = await CliRunner.RunAsync("note", "verify", "--vkey", signer.VerifierKey, cli.Write(note));

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("example.com/log\n5\n", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_note_signed_by_another_key_of_the_same_name_fails_with_exit_1()
    {
        var note = SignedNote.Sign("hello\n", [other]).Serialize();

        var result = await CliRunner.RunAsync("note", "verify", "--vkey", signer.VerifierKey, cli.Write(note));

        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task A_tampered_note_fails_with_exit_1()
    {
        var note = SignedNote.Sign("hello\n", [signer]).Serialize().Replace("hello", "hellO", StringComparison.Ordinal);

        var result = await CliRunner.RunAsync("note", "verify", "--vkey", signer.VerifierKey, cli.Write(note));

        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task A_malformed_key_is_a_usage_error()
    {
        var note = SignedNote.Sign("hello\n", [signer]).Serialize();

        var result = await CliRunner.RunAsync("note", "verify", "--vkey", "not+a+key", cli.Write(note));

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("malformed verifier key", result.Error, StringComparison.Ordinal);
    }
}
