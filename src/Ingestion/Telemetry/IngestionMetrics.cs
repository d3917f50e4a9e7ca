using System.Collections.Concurrent;
using System.Diagnostics.Metrics;

namespace SafetyLedger.Ingestion.Telemetry;

/// <summary>
/// Counters of the meter <c>SafetyLedger.Ingestion</c>: readings accepted, duplicates dropped, dead
/// letters by reason; also kept as totals for health output and tests.
/// </summary>
public sealed class IngestionMetrics
{
    public const string MeterName = "SafetyLedger.Ingestion";

    private readonly Counter<long> accepted;
    private readonly Counter<long> duplicates;
    private readonly Counter<long> deadLetters;
    private readonly ConcurrentDictionary<string, long> deadLettersByReason = new(StringComparer.Ordinal);
    private long acceptedTotal;
    private long duplicatesTotal;

    public IngestionMetrics(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(MeterName);
        accepted = meter.CreateCounter<long>("ingestion.readings.accepted", description: "Readings validated and stored");
        duplicates = meter.CreateCounter<long>("ingestion.readings.duplicates", description: "Duplicate readings dropped");
        deadLetters = meter.CreateCounter<long>("ingestion.dead_letters", description: "Inputs refused into the dead-letter store");
    }

    public long Accepted => Interlocked.Read(ref acceptedTotal);

    public long Duplicates => Interlocked.Read(ref duplicatesTotal);

    public IReadOnlyDictionary<string, long> DeadLettersByReason => new Dictionary<string, long>(deadLettersByReason, StringComparer.Ordinal);

    public void CountAccepted(int count)
    {
        Interlocked.Add(ref acceptedTotal, count);
        accepted.Add(count);
    }

    public void CountDuplicates(int count)
    {
        Interlocked.Add(ref duplicatesTotal, count);
        duplicates.Add(count);
    }

    public void CountDeadLetter(string reason)
    {
        deadLettersByReason.AddOrUpdate(reason, 1, (_, n) => n + 1);
        deadLetters.Add(1, new KeyValuePair<string, object?>("reason", reason));
    }
}
