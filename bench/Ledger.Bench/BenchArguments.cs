using System.Globalization;

namespace SafetyLedger.Ledger.Bench;

/// <summary>The harness's few flags.</summary>
internal sealed record BenchArguments(string Verb, IReadOnlyDictionary<string, string> Flags)
{
    public static BenchArguments Parse(string[] args)
    {
        var flags = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            if (args[i].StartsWith("--", StringComparison.Ordinal))
            {
                var name = args[i][2..];
                var value = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal) ? args[++i] : "true";
                flags[name] = value;
            }
        }

        return new BenchArguments(args.Length > 0 ? args[0] : string.Empty, flags);
    }

    public long Long(string name, long fallback) =>
        Flags.TryGetValue(name, out var value) ? long.Parse(value.Replace("_", string.Empty, StringComparison.Ordinal), CultureInfo.InvariantCulture) : fallback;

    public string Directory(string purpose) =>
        Flags.TryGetValue("dir", out var dir) ? dir : Path.Combine(Path.GetTempPath(), "ledger-bench", purpose);

    public bool Has(string name) => Flags.ContainsKey(name);
}
