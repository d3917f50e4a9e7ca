using System.Diagnostics;
using System.Text.Json;

namespace SafetyLedger.RegulatorGateway.Tests.Support;

/// <summary>
/// A real Mosquitto (the Debian package scripts/services.d/mosquitto.sh installs) on a free port with
/// <c>allow_anonymous false</c> and the password and ACL files <c>ledger mqtt config</c> writes; with TLS, a test CA
/// and a server certificate for 127.0.0.1 made by openssl.
/// </summary>
public sealed class TestBroker : IAsyncDisposable
{
    private readonly TempFolder folder = new();
    private Process? process;

    private TestBroker(bool tls) => Tls = tls;

    public int Port { get; } = FreePort.Next();

    public bool Tls { get; }

    /// <summary>The CA file clients trust (with TLS).</summary>
    public string CaFile => Path.Combine(folder.Path, "ca.crt");

    public TestKey ServiceUser { get; private set; } = null!;

    public static async Task<TestBroker> StartAsync(string dataDirectory, bool tls = false)
    {
        var broker = new TestBroker(tls);
        await broker.StartAsync(dataDirectory);
        return broker;
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        process?.Dispose();
        folder.Dispose();
    }

    private async Task StartAsync(string dataDirectory)
    {
        var written = await CliRun.RunAsync("mqtt", "config", "--data", dataDirectory, "--out", folder.Path);
        Assert.True(written.ExitCode == 0, written.ToString());
        using (var json = JsonDocument.Parse(written.Output))
        {
            ServiceUser = new TestKey(json.RootElement.GetProperty("user").GetString()!, json.RootElement.GetProperty("password").GetString()!);
        }

        var tls = string.Empty;
        if (Tls)
        {
            await MakeCertificatesAsync();
            tls = $"cafile {CaFile}\ncertfile {folder.Path}/server.crt\nkeyfile {folder.Path}/server.key\n";
        }

        var binary = new[] { "/usr/sbin/mosquitto", "/usr/bin/mosquitto" }.FirstOrDefault(File.Exists);
        Assert.True(binary is not null, "mosquitto is not installed: run scripts/services.d/mosquitto.sh start (it installs the Debian package).");
        var conf = Path.Combine(folder.Path, "mosquitto.conf");
        await File.WriteAllTextAsync(conf, $"listener {Port} 127.0.0.1\n{tls}allow_anonymous false\npassword_file {folder.Path}/passwd\nacl_file {folder.Path}/acl\npersistence false\nuser root\nlog_dest stderr\n");
        process = Process.Start(new ProcessStartInfo(binary, ["-c", conf]) { RedirectStandardError = true, UseShellExecute = false })!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!FreePort.IsListening(Port))
        {
            if (process.HasExited)
            {
                Assert.Fail("mosquitto exited: " + await process.StandardError.ReadToEndAsync());
            }

            await Task.Delay(50, deadline.Token);
        }
    }

    private async Task MakeCertificatesAsync()
    {
        var dir = folder.Path;
        await File.WriteAllTextAsync(Path.Combine(dir, "ext.cnf"), "subjectAltName=IP:127.0.0.1\n");
        await OpenSslAsync("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", $"{dir}/ca.key", "-out", CaFile, "-days", "2", "-subj", "/CN=safety-ledger-test-ca");
        await OpenSslAsync("req", "-newkey", "rsa:2048", "-nodes", "-keyout", $"{dir}/server.key", "-out", $"{dir}/server.csr", "-subj", "/CN=127.0.0.1");
        await OpenSslAsync("x509", "-req", "-in", $"{dir}/server.csr", "-CA", CaFile, "-CAkey", $"{dir}/ca.key", "-CAcreateserial", "-out", $"{dir}/server.crt", "-days", "2", "-extfile", $"{dir}/ext.cnf");
    }

    private static async Task OpenSslAsync(params string[] args)
    {
        using var openssl = Process.Start(new ProcessStartInfo("openssl", args) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false })!;
        var error = openssl.StandardError.ReadToEndAsync();
        var output = openssl.StandardOutput.ReadToEndAsync();
        await openssl.WaitForExitAsync();
        Assert.True(openssl.ExitCode == 0, $"openssl {string.Join(' ', args)}: {await error}{await output}");
    }
}
