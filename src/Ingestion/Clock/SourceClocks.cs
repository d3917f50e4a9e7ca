using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Options;
using SafetyLedger.Ingestion.Pipeline;

namespace SafetyLedger.Ingestion.Clock;

/// <summary>
/// Per-source skew estimators and the time rules: a reading too far ahead of its arrival or too old
/// is refused; otherwise the source's estimated offset corrects it when beyond the tolerance, but never
/// to after its arrival; a reading ahead of its arrival both by its own clock and after correction is
/// refused as from the future.
/// </summary>
public sealed class SourceClocks(IOptions<ClockOptions> options)
{
    private readonly ConcurrentDictionary<string, SkewEstimator> estimators = new(StringComparer.Ordinal);

    /// <summary>The current estimate of received − source time for a source, if it has reported.</summary>
    public TimeSpan? EstimatedOffset(string source)
    {
        if (!estimators.TryGetValue(source, out var estimator))
        {
            return null;
        }

        lock (estimator)
        {
            return estimator.Estimate();
        }
    }

    public ClockCorrection Correct(string source, DateTimeOffset sourceTime, DateTimeOffset receivedTime)
    {
        var o = options.Value;
        var lead = sourceTime - receivedTime;
        if (lead > o.MaxClockLead)
        {
            return Refused(sourceTime, RejectionReasons.FutureTimestamp, $"source time {Format(sourceTime)} is {Describe(lead)} ahead of arrival {Format(receivedTime)}; limit {Describe(o.MaxClockLead)}");
        }

        if (-lead > o.MaxAge)
        {
            return Refused(sourceTime, RejectionReasons.StaleTimestamp, $"source time {Format(sourceTime)} is {Describe(-lead)} older than arrival {Format(receivedTime)}; limit {Describe(o.MaxAge)}");
        }

        var estimator = estimators.GetOrAdd(source, _ => new SkewEstimator(o));
        TimeSpan estimate;
        lock (estimator)
        {
            estimate = estimator.Add(sourceTime, receivedTime);
        }

        var corrected = estimate.Duration() > o.SkewTolerance;
        var correctedTime = corrected ? sourceTime + estimate : sourceTime;
        if (correctedTime - receivedTime > o.SkewTolerance)
        {
            if (sourceTime - receivedTime > o.SkewTolerance)
            {
                return Refused(
                    sourceTime,
                    RejectionReasons.FutureTimestamp,
                    $"corrected time {Format(correctedTime)} is {Describe(correctedTime - receivedTime)} after arrival {Format(receivedTime)} (source offset estimate {Describe(estimate)}); tolerance {Describe(o.SkewTolerance)}");
            }

            // The source time itself is plausible; only a late-looking estimate (e.g. a backlog delivered at once
            // makes a clock look slow) pushes it past its arrival. No reading is taken after it arrives.
            correctedTime = sourceTime > receivedTime ? sourceTime : receivedTime;
            corrected = correctedTime != sourceTime;
        }

        return new ClockCorrection(correctedTime, estimate, corrected, receivedTime - correctedTime > o.LateAfter, null);
    }

    private static ClockCorrection Refused(DateTimeOffset sourceTime, string reason, string detail) =>
        new(sourceTime, TimeSpan.Zero, Corrected: false, Late: false, new Rejection(reason, detail));

    private static string Format(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    private static string Describe(TimeSpan span) => string.Create(CultureInfo.InvariantCulture, $"{span.TotalSeconds:0.###} s");
}
