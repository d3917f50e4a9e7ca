using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using SafetyLedger.Ingestion.Clock;
using SafetyLedger.Ingestion.Normalisation;
using SafetyLedger.Ingestion.Pipeline;
using SafetyLedger.Ingestion.Registry;
using SafetyLedger.Ingestion.Telemetry;
using SafetyLedger.Ingestion.Transport;

namespace SafetyLedger.Ingestion.Bench;

/// <summary>
/// Where a message's time goes, without MQTT: each step of the pipeline alone, single-threaded (µs per
/// message), then the durable store and the whole pipeline with <c>--inflight</c> callers at once (msg/s).
/// </summary>
internal static class Phases
{
    public static async Task<int> RunAsync(BenchOptions o)
    {
        await using var service = await BenchHost.StartAsync(external: false, o.MosquittoHost, o.MosquittoPort);
        await service.RegisterAsync(o.Sensors, 1);
        var registry = service.Services.GetRequiredService<ISensorRegistry>();
        var units = service.Services.GetRequiredService<UnitConverter>();
        var clocks = service.Services.GetRequiredService<SourceClocks>();
        var pipeline = service.Services.GetRequiredService<IngestionPipeline>();
        var store = service.Services.GetRequiredService<ITelemetryStore>();
        var n = o.Messages;
        var topics = Enumerable.Range(0, o.Sensors).Select(i => $"sl/{Publisher.Tenant}/{Publisher.Site}/{Publisher.SensorId(i)}/data").ToArray();
        var start = DateTimeOffset.UtcNow;

        Console.WriteLine(Line($"phases: {n} messages, {o.Sensors} sensors; {Load.Average()}"));
        var seq = 0;
        Time("topic parse", n, () => _ = MqttTopics.Parse(topics[seq++ % topics.Length]));
        seq = 0;
        var payloads = Enumerable.Range(0, 1000).Select(i => Payload(start.AddMilliseconds(i), i)).ToArray();
        var address = MqttTopics.Parse(topics[0]);
        Time("payload parse (JSON, one reading)", n, () => _ = PayloadParser.Parse(payloads[seq++ % payloads.Length], address, 1000));
        seq = 0;
        Time("registry lookup", n, () => _ = registry.Find(Publisher.Tenant, Publisher.SensorId(seq++ % o.Sensors)));
        var sensor = registry.Find(Publisher.Tenant, Publisher.SensorId(0))!;
        Time("unit conversion (ppm → ppm)", n, () => units.TryConvert(1.5, "ppm", sensor.Registration, out _, out _));
        seq = 0;
        Time("clock estimator", n, () =>
        {
            var i = seq++;
            var t = start.AddMilliseconds(i);
            _ = clocks.Correct("bench/" + Publisher.SensorId(i % o.Sensors), t, t.AddMilliseconds(3));
        });

        await StoreAndPipelineAsync(o, store, pipeline, service.Services.GetRequiredService<MessageBatcher>(), topics, start);
        Console.WriteLine(Line($"  {Load.Average()} after"));
        return 0;
    }

    private static async Task StoreAndPipelineAsync(BenchOptions o, ITelemetryStore store, IngestionPipeline pipeline, MessageBatcher batcher, string[] topics, DateTimeOffset start)
    {
        var n = o.Messages;
        var next = 0;
        await ConcurrentAsync("store, 1 reading per append", n, 1, async () =>
        {
            var i = Interlocked.Increment(ref next);
            await store.AppendAsync([Reading(start, i, o.Sensors)], CancellationToken.None);
        });
        await ConcurrentAsync("store, 1 reading per append", n, o.InFlight, async () =>
        {
            var i = Interlocked.Increment(ref next);
            await store.AppendAsync([Reading(start, i, o.Sensors)], CancellationToken.None);
        });

        await ConcurrentAsync("store, 256 readings per append", n / 256, 4, async () =>
        {
            // Consecutive numbers per append, so each sensor's sequence numbers arrive in order as a device sends them.
            var readings = new TelemetryReading[256];
            var first = Interlocked.Add(ref next, readings.Length) - readings.Length + 1;
            for (var r = 0; r < readings.Length; r++)
            {
                readings[r] = Reading(start, first + r, o.Sensors);
            }

            await store.AppendAsync(readings, CancellationToken.None);
        }, perStep: 256);

        next = 0;
        var now = DateTimeOffset.UtcNow;
        await ConcurrentAsync("pipeline (parse → store → hand-off)", n, o.InFlight, async () =>
        {
            var i = Interlocked.Increment(ref next);
            var topic = topics[i % topics.Length];
            var envelope = new IngestEnvelope(IngestEnvelope.Mqtt, topic, DateTimeOffset.UtcNow, Payload(now.AddTicks(i), 10_000_000 + (i / topics.Length)), MqttTopics.Parse(topic));
            await pipeline.IngestAsync(envelope, CancellationToken.None);
        });

        // As the MQTT transports call it: one message at a time into the batcher, which runs whatever has arrived
        // through the pipeline together.
        next = 0;
        now = DateTimeOffset.UtcNow;
        await ConcurrentAsync("pipeline through the MessageBatcher", n, o.InFlight, async () =>
        {
            var i = Interlocked.Increment(ref next);
            var topic = topics[i % topics.Length];
            var envelope = new IngestEnvelope(IngestEnvelope.Mqtt, topic, DateTimeOffset.UtcNow, Payload(now.AddTicks(i), 20_000_000 + (i / topics.Length)), MqttTopics.Parse(topic));
            await batcher.SubmitAsync(envelope);
        });
    }

    private static byte[] Payload(DateTimeOffset ts, int seq) => Encoding.UTF8.GetBytes(string.Create(
        CultureInfo.InvariantCulture,
        $"{{\"ts\":\"{ts.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffffffZ}\",\"value\":{1 + (seq % 400) * 0.25:R},\"unit\":\"ppm\",\"seq\":{seq}}}"));

    private static TelemetryReading Reading(DateTimeOffset start, int i, int sensors)
    {
        var t = start.AddTicks(i);
        return new TelemetryReading(Publisher.Tenant, Publisher.Site, Publisher.SensorId(i % sensors), t, t, t, 1.5, "ppm", 1.5, "ppm", "good", i / sensors);
    }

    private static void Time(string name, int n, Action step)
    {
        for (var i = 0; i < Math.Min(n, 1000); i++)
        {
            step();
        }

        var clock = Stopwatch.StartNew();
        for (var i = 0; i < n; i++)
        {
            step();
        }

        Console.WriteLine(Line($"  {name}: {clock.Elapsed.TotalMicroseconds / n:F2} µs/msg"));
    }

    private static async Task ConcurrentAsync(string name, int n, int callers, Func<Task> step, int perStep = 1)
    {
        var left = n;
        var allocated = GC.GetTotalAllocatedBytes();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, callers).Select(async _ =>
        {
            await Task.Yield();
            while (Interlocked.Decrement(ref left) >= 0)
            {
                await step();
            }
        }));
        var seconds = clock.Elapsed.TotalSeconds;
        var count = (double)n * perStep;
        var cpuUs = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalMicroseconds / count;
        Console.WriteLine(Line($"  {name}, {callers} at once: {count / seconds:N0} readings/s ({seconds * 1e6 / count:F1} µs wall, {cpuUs:F1} µs CPU, {(GC.GetTotalAllocatedBytes() - allocated) / count:F0} B allocated per reading)"));
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
