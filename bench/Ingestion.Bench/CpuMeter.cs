using System.Diagnostics;
using System.Globalization;

namespace SafetyLedger.Ingestion.Bench;

/// <summary>
/// CPU time used during a measurement by this process (publisher, subscriber or service, and the embedded broker)
/// and by any Mosquitto process on the machine: on 2 shared cores, the rate a run reaches is set by the CPU each
/// message costs, so every figure comes with its cost per message.
/// </summary>
internal sealed class CpuMeter
{
    private readonly TimeSpan self;
    private readonly TimeSpan mosquitto;
    private readonly long started = Stopwatch.GetTimestamp();
    private readonly int[] collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
    private readonly TimeSpan paused = GC.GetTotalPauseDuration();
    private readonly long allocated = GC.GetTotalAllocatedBytes();

    private CpuMeter(TimeSpan self, TimeSpan mosquitto)
    {
        this.self = self;
        this.mosquitto = mosquitto;
    }

    public static CpuMeter Start() => new(SelfCpu(), MosquittoCpu());

    /// <summary>µs of CPU per message in this process and in Mosquitto since <see cref="Start"/>, and the cores in use.</summary>
    public string PerMessage(long messages)
    {
        var wall = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var selfUs = (SelfCpu() - self).TotalMicroseconds;
        var brokerUs = (MosquittoCpu() - mosquitto).TotalMicroseconds;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"CPU per message: this process {selfUs / messages:F1} µs, Mosquitto {brokerUs / messages:F1} µs; cores busy {(selfUs + brokerUs) / 1e6 / wall:F2}; allocated {(GC.GetTotalAllocatedBytes() - allocated) / (double)messages:F0} B/message; GCs {GC.CollectionCount(0) - collections[0]}/{GC.CollectionCount(1) - collections[1]}/{GC.CollectionCount(2) - collections[2]} (gen 0/1/2), paused {(GC.GetTotalPauseDuration() - paused).TotalMilliseconds:F0} ms");
    }

    private static TimeSpan SelfCpu()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private static TimeSpan MosquittoCpu()
    {
        var total = TimeSpan.Zero;
        foreach (var process in Process.GetProcessesByName("mosquitto"))
        {
            using (process)
            {
                try
                {
                    total += process.TotalProcessorTime;
                }
                catch (InvalidOperationException)
                {
                    // Exited meanwhile.
                }
            }
        }

        return total;
    }
}
