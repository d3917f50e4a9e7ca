using System.Globalization;

namespace SafetyLedger.Ingestion.Bench;

/// <summary>The machine's load average, printed beside every figure.</summary>
internal static class Load
{
    public static string Average()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return string.Create(CultureInfo.InvariantCulture, $"load {parts[0]} {parts[1]} {parts[2]}");
        }
        catch (IOException)
        {
            return "load n/a";
        }
    }
}
