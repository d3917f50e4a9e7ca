using System.Diagnostics;
using System.Text;

namespace SafetyLedger.Anvil.Testing;

/// <summary>One anvil process on 127.0.0.1, started from tools/node_modules and ended by its PID.</summary>
public sealed class AnvilNode : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder output = new();

    private AnvilNode(Process process, int port)
    {
        this.process = process;
        Port = port;
    }

    public int Port { get; }

    public int Pid => process.Id;

    public Uri RpcUrl => new($"http://127.0.0.1:{Port}");

    public bool HasExited => process.HasExited;

    /// <summary>Starts anvil on <paramref name="port"/> (0 picks a free one) and waits until it answers JSON-RPC.</summary>
    public static async Task<AnvilNode> StartAsync(int port = 0, IEnumerable<string>? extraArguments = null, CancellationToken cancellationToken = default)
    {
        var anvil = RepoTools.AnvilPath();
        if (port == 0)
        {
            port = FreePort.Next();
        }

        var startInfo = new ProcessStartInfo(anvil)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--host", "127.0.0.1", "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture) }.Concat(extraArguments ?? []))
        {
            startInfo.ArgumentList.Add(argument);
        }

        var started = Process.Start(startInfo) ?? throw new InvalidOperationException($"Could not start {anvil}.");
        var node = new AnvilNode(started, port);
        started.OutputDataReceived += (_, e) => node.Append(e.Data);
        started.ErrorDataReceived += (_, e) => node.Append(e.Data);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        try
        {
            await node.WaitUntilReadyAsync(cancellationToken);
        }
        catch
        {
            node.Dispose();
            throw;
        }

        return node;
    }

    /// <summary>Sends a JSON-RPC request and returns the raw JSON response.</summary>
    public async Task<string> RpcAsync(string method, string parametersJson = "[]", CancellationToken cancellationToken = default)
    {
        using var client = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        using var content = new StringContent($$"""{"jsonrpc":"2.0","id":1,"method":"{{method}}","params":{{parametersJson}}}""", Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(RpcUrl, content, cancellationToken);
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadAsStringAsync(cancellationToken);
    }

    /// <summary>Ends anvil with SIGTERM, so it writes its --dump-state file, and waits for it.</summary>
    public async Task StopGracefullyAsync(CancellationToken cancellationToken = default)
    {
        if (process.HasExited)
        {
            return;
        }

        // .NET can only SIGKILL; anvil writes its --dump-state file on SIGTERM.
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(cancellationToken);
            if (kill.ExitCode != 0)
            {
                throw new InvalidOperationException($"kill -TERM {process.Id} failed with exit code {kill.ExitCode}.");
            }
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        await process.WaitForExitAsync(timeout.Token);
    }

    public string Output()
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    public void Dispose()
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }

        process.Dispose();
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"anvil exited at start with code {process.ExitCode}:\n{Output()}");
            }

            try
            {
                await RpcAsync("eth_chainId", cancellationToken: cancellationToken);
                return;
            }
            catch (HttpRequestException) when (deadline.Elapsed < TimeSpan.FromSeconds(20))
            {
                await Task.Delay(50, cancellationToken);
            }
        }
    }
}
