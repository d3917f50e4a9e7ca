using SafetyLedger.Ledger.Notes;

namespace SafetyLedger.Ledger.Tests.Notes;

public sealed class LogKeyFileTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ledger-keyfile-").FullName;

    private string KeyPath => Path.Combine(_directory, "keys", "log.key");

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Creates_a_new_key_file_with_mode_0600_holding_the_signer_key()
    {
        using var signer = LogKeyFile.LoadOrCreate(KeyPath, "ledger.example/log");

        Assert.Equal("ledger.example/log", signer.Name);
        Assert.Equal(signer.SignerKey + "\n", File.ReadAllText(KeyPath));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(KeyPath));
        }

        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(KeyPath)!));
    }

    [Fact]
    public void Reloads_the_same_key_from_an_existing_file()
    {
        using var first = LogKeyFile.LoadOrCreate(KeyPath, "ledger.example/log");
        using var second = LogKeyFile.LoadOrCreate(KeyPath, "ledger.example/log");

        Assert.Equal(first.VerifierKey, second.VerifierKey);
        Assert.Equal(first.KeyHash, second.KeyHash);
    }

    [Fact]
    public void Refuses_an_existing_key_file_readable_by_group_and_others()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        using (LogKeyFile.LoadOrCreate(KeyPath, "ledger.example/log"))
        {
        }

        File.SetUnixFileMode(KeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        var error = Assert.Throws<InvalidOperationException>(() => LogKeyFile.LoadOrCreate(KeyPath, "ledger.example/log"));
        Assert.Contains("group or others", error.Message, StringComparison.Ordinal);
        Assert.Contains("644", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_an_existing_key_file_with_another_key_name()
    {
        using (LogKeyFile.LoadOrCreate(KeyPath, "ledger.example/log"))
        {
        }

        var error = Assert.Throws<InvalidOperationException>(() => LogKeyFile.LoadOrCreate(KeyPath, "ledger.example/other"));
        Assert.Contains("ledger.example/other", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reports_an_existing_file_that_does_not_hold_a_signer_key()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(KeyPath)!);
        File.WriteAllText(KeyPath, "not a key\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(KeyPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        var error = Assert.Throws<FormatException>(() => LogKeyFile.LoadOrCreate(KeyPath, "ledger.example/log"));
        Assert.Contains(KeyPath, error.Message, StringComparison.Ordinal);
    }
}
