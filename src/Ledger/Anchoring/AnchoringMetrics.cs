using System.Diagnostics.Metrics;
using SafetyLedger.Ledger.Merkle;

namespace SafetyLedger.Ledger.Anchoring;

/// <summary>
/// The anchorer's instruments on the meter <see cref="MeterName"/>: the last anchored tree size, the lag
/// behind the log in entries and in seconds (since the oldest checkpoint not yet anchored was issued),
/// failures, anchors sent and the time from starting an anchor to recording it confirmed.
/// </summary>
public sealed class AnchoringMetrics
{
    public const string MeterName = "SafetyLedger.Anchoring";

    private readonly IMerkleLog log;
    private readonly TimeProvider time;
    private readonly Counter<long> failures;
    private readonly Counter<long> anchors;
    private readonly Histogram<double> duration;
    private long anchoredSize;
    private long oldestUnanchoredTicks;

    public AnchoringMetrics(IMeterFactory meterFactory, IMerkleLog log, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(meterFactory);
        this.log = log;
        this.time = time;
        var meter = meterFactory.Create(MeterName);
        meter.CreateObservableGauge("ledger.anchoring.anchored_size", () => AnchoredSize, "{entry}", "Tree size of the last anchored checkpoint.");
        meter.CreateObservableGauge("ledger.anchoring.lag", () => LagEntries, "{entry}", "Entries appended beyond the last anchored checkpoint.");
        meter.CreateObservableGauge("ledger.anchoring.lag_time", () => LagSeconds, "s", "Age of the oldest checkpoint not yet anchored.");
        failures = meter.CreateCounter<long>("ledger.anchoring.failures", "{failure}", "Anchoring attempts that failed (chain down, RPC errors) and will be retried.");
        anchors = meter.CreateCounter<long>("ledger.anchoring.anchors", "{anchor}", "Anchors confirmed and recorded.");
        duration = meter.CreateHistogram<double>("ledger.anchoring.duration", "s", "From sending an anchor to recording it confirmed.");
    }

    public long AnchoredSize => Interlocked.Read(ref anchoredSize);

    public long LagEntries => Math.Max(0, log.Size - AnchoredSize);

    public double LagSeconds
    {
        get
        {
            var ticks = Interlocked.Read(ref oldestUnanchoredTicks);
            return ticks == 0 ? 0 : Math.Max(0, (time.GetUtcNow().UtcTicks - ticks) / (double)TimeSpan.TicksPerSecond);
        }
    }

    /// <summary>Records the state: the last anchored size and when the oldest unanchored checkpoint was issued (null: none).</summary>
    public void Observe(long lastAnchoredSize, DateTimeOffset? oldestUnanchoredIssuedAt)
    {
        Interlocked.Exchange(ref anchoredSize, lastAnchoredSize);
        Interlocked.Exchange(ref oldestUnanchoredTicks, oldestUnanchoredIssuedAt?.UtcTicks ?? 0);
    }

    public void Failed() => failures.Add(1);

    public void Anchored(TimeSpan elapsed)
    {
        anchors.Add(1);
        duration.Record(elapsed.TotalSeconds);
    }
}
