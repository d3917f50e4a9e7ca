using System.Diagnostics;
using System.Text.Json;

namespace SafetyLedger.Host.Administration;

/// <summary>
/// <c>service.json</c> in the data folder while <c>ledger serve</c> runs there: its process id and URL, so the
/// key and enterprise verbs send their commands through the service (the ledger has one writer).
/// </summary>
internal sealed record ServiceFile(int Pid, string Url)
{
    public const string FileName = "service.json";

    public static string PathIn(string dataDirectory) => Path.Combine(dataDirectory, FileName);

    /// <summary>The running service of <paramref name="dataDirectory"/>, or null when none runs (a file left by a killed one is ignored).</summary>
    public static ServiceFile? FindRunning(string dataDirectory)
    {
        var path = PathIn(dataDirectory);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var file = JsonSerializer.Deserialize(File.ReadAllBytes(path), AdministrationJsonContext.Default.ServiceFile);
            return file is not null && IsAlive(file.Pid) ? file : null;
        }
        catch (Exception ex) when (ex is JsonException or IOException)
        {
            return null;
        }
    }

    public void Write(string dataDirectory) => File.WriteAllBytes(PathIn(dataDirectory), JsonSerializer.SerializeToUtf8Bytes(this, AdministrationJsonContext.Default.ServiceFile));

    private static bool IsAlive(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
