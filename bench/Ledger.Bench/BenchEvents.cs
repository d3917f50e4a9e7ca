using System.Text;
using SafetyLedger.Ledger.Events;

namespace SafetyLedger.Ledger.Bench;

/// <summary>Telemetry events: <see cref="Digest"/> encodes to ~394 bytes (proof bench), <see cref="Reading"/> to ~300 (append bench, as in the issue).</summary>
internal static class BenchEvents
{
    private static readonly DateTimeOffset Start = new(2026, 11, 28, 0, 0, 0, TimeSpan.FromHours(8));

    public static EventData Digest(long n)
    {
        var payload = Encoding.UTF8.GetBytes(
            $"{{\"sensor\":\"gas-{n % 997}\",\"from\":\"2026-11-28T00:{n % 60:D2}:00+08:00\",\"count\":60,\"min\":{n % 7}.25,\"max\":{n % 11}.75,\"mean\":{n % 9}.5,\"sha256\":\"{n:x16}{n:x16}\"}}");
        return new EventData("TelemetryBatchSealed", "tenant-a", Start.AddSeconds(n), payload, new EventMetadata(Actor: "ingestion"));
    }

    public static EventData Reading(long n)
    {
        var payload = Encoding.UTF8.GetBytes($"{{\"sensor\":\"gas-{n % 997}\",\"count\":60,\"mean\":{n % 9}.5,\"max\":{n % 11}.75}}");
        return new EventData("TelemetryBatchSealed", "tenant-a", Start.AddSeconds(n), payload, new EventMetadata(Actor: "ingestion"));
    }

    /// <summary>One append of <paramref name="size"/> events spread over <paramref name="streams"/> streams; event n lands at position n.</summary>
    public static List<AppendRequest> Batch(long first, int size, int streams) => Batch(first, size, streams, Digest);

    public static List<AppendRequest> Batch(long first, int size, int streams, Func<long, EventData> create)
    {
        var perStream = size / streams;
        return Enumerable.Range(0, streams)
            .Select(s => new AppendRequest(
                $"telemetry-{s}",
                ExpectedVersion.Any,
                Enumerable.Range(0, perStream).Select(i => create(first + (s * perStream) + i)).ToList()))
            .ToList();
    }
}
