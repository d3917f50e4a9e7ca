using System.Diagnostics;

namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>
/// Wall time spent in each <see cref="AppendPhase"/> since the store opened, read by the append
/// benchmark to see where a durable append's time goes. Timed per chunk or per commit, never per entry.
/// </summary>
internal sealed class AppendTimings
{
    private readonly long[] ticks = new long[Enum.GetValues<AppendPhase>().Length];

    public TimeSpan this[AppendPhase phase] => Stopwatch.GetElapsedTime(0, Volatile.Read(ref ticks[(int)phase]));

    /// <summary>Adds the time since <paramref name="started"/> (a <see cref="Stopwatch.GetTimestamp"/>) and returns now.</summary>
    public long Add(AppendPhase phase, long started)
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Add(ref ticks[(int)phase], now - started);
        return now;
    }
}
