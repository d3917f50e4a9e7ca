using System.Globalization;

namespace SafetyLedger.Ingestion.Bench;

/// <summary>Command-line options shared by every verb.</summary>
internal sealed class BenchOptions
{
    public string Verb { get; private init; } = "";

    public int Messages { get; private init; } = 200_000;

    public int Sensors { get; private init; } = 100;

    public int InFlight { get; private init; } = 64;

    public string MosquittoHost { get; private init; } = "127.0.0.1";

    public int MosquittoPort { get; private init; } = 18830;

    public int Rate { get; private init; } = 10_000;

    public int Seconds { get; private init; } = 20;

    public string Mode { get; private init; } = "embedded";

    /// <summary>The baseline subscriber's receive maximum: by default the service's <c>MaxInFlight</c> (1,024), so both consumers get the same window.</summary>
    public int ReceiveMaximum { get; private init; } = 1024;

    public int Rounds { get; private init; } = 3;

    /// <summary>Unrecorded rounds before the measured ones (<c>compare</c>), so the JIT has tiered the hot code up.</summary>
    public int WarmupRounds { get; private init; } = 1;

    /// <summary>Unrecorded seconds at the offered rate before the measured ones (<c>latency</c>); 0 measures from a cold start.</summary>
    public int WarmupSeconds { get; private init; } = 10;

    /// <summary>The service's <c>Ingestion:Mqtt:MaxInFlight</c>; null keeps its default.</summary>
    public int? ServiceInFlight { get; private init; }

    public static BenchOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i + 1 < args.Length; i += 2)
        {
            values[args[i]] = args[i + 1];
        }

        int Int(string name, int fallback) => values.TryGetValue(name, out var v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;
        string Str(string name, string fallback) => values.TryGetValue(name, out var v) ? v : fallback;
        int? serviceInFlight = values.TryGetValue("--service-inflight", out var sif) ? int.Parse(sif, CultureInfo.InvariantCulture) : null;
        return new BenchOptions
        {
            Verb = args.Length > 0 ? args[0] : "",
            Messages = Int("--messages", 200_000),
            Sensors = Int("--sensors", 100),
            InFlight = Int("--inflight", 64),
            MosquittoHost = Str("--host", "127.0.0.1"),
            MosquittoPort = Int("--port", 18830),
            Rate = Int("--rate", 10_000),
            Seconds = Int("--seconds", 20),
            Mode = Str("--mode", "embedded"),
            ReceiveMaximum = Int("--receive-max", serviceInFlight ?? 1024),
            Rounds = Int("--rounds", 3),
            WarmupRounds = Int("--warmup-rounds", 1),
            WarmupSeconds = Int("--warmup-seconds", 10),
            ServiceInFlight = serviceInFlight,
        };
    }
}
