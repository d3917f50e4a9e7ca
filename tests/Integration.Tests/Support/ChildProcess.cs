using System.Diagnostics;

namespace SafetyLedger.Integration.Tests.Support;

/// <summary>Starts a .NET program built beside the tests as a real child process.</summary>
public static class ChildProcess
{
    /// <summary>Starts <paramref name="assemblyName"/> from its own project's output folder (beside this one), or from here.</summary>
    public static Process StartDotnet(string assemblyName, params string[] args) =>
        StartDotnet(assemblyName, new Dictionary<string, string?>(StringComparer.Ordinal), args);

    /// <summary>
    /// Starts <paramref name="assemblyName"/> like <see cref="StartDotnet(string, string[])"/> with extra environment
    /// variables (a null value removes the variable from the child's environment).
    /// </summary>
    public static Process StartDotnet(string assemblyName, IReadOnlyDictionary<string, string?> environment, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var own = AppContext.BaseDirectory.Replace(
            $"{Path.DirectorySeparatorChar}Integration.Tests{Path.DirectorySeparatorChar}",
            $"{Path.DirectorySeparatorChar}{assemblyName.Replace("SafetyLedger.", string.Empty, StringComparison.Ordinal)}{Path.DirectorySeparatorChar}",
            StringComparison.Ordinal);
        var dll = Path.Combine(File.Exists(Path.Combine(own, assemblyName + ".dll")) ? own : AppContext.BaseDirectory, assemblyName + ".dll");
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"{dll} was not built beside the tests.", dll);
        }

        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = AppContext.BaseDirectory,
        };
        foreach (var (name, value) in environment)
        {
            if (value is null)
            {
                info.Environment.Remove(name);
            }
            else
            {
                info.Environment[name] = value;
            }
        }

        info.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        return Process.Start(info) ?? throw new InvalidOperationException($"Could not start {dll}.");
    }

    public static async Task<CliResult> RunLedgerAsync(params string[] args)
    {
        using var process = StartDotnet("ledger", args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        await process.WaitForExitAsync(timeout.Token);
        return new CliResult(process.ExitCode, await stdout, await stderr);
    }
}
