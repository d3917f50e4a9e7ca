using System.Text;
using SafetyLedger.Ledger.Events;

namespace SafetyLedger.Ledger.Tests.Support;

/// <summary>Test-data builders.</summary>
public static class Some
{
    private static readonly DateTimeOffset Epoch = new(2026, 11, 28, 8, 0, 0, TimeSpan.FromHours(8));

    public static EventData Event(int n = 0, string type = "HazardReported", string tenant = "tenant-a") =>
        new(type, tenant, Epoch.AddSeconds(n), Encoding.UTF8.GetBytes($"{{\"n\":{n},\"note\":\"event {n}\"}}"), new EventMetadata(Actor: "tester"));

    public static IReadOnlyList<EventData> Events(int count, int start = 0) =>
        Enumerable.Range(start, count).Select(i => Event(i)).ToList();

    public static AppendRequest Append(string stream, ExpectedVersion expected, int count = 1, int start = 0) =>
        new(stream, expected, Events(count, start));
}
