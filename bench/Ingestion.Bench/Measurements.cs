using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SafetyLedger.Ingestion.HandOff;
using System.Globalization;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using MQTTnet.Server;
using System.Net;

namespace SafetyLedger.Ingestion.Bench;

internal static class Measurements
{
    private static readonly TimeSpan DrainTimeout = TimeSpan.FromSeconds(60);

    /// <summary>Mosquitto alone: the bench publisher and a plain MQTT 5 QoS 1 subscriber on <c>sl/+/+/+/data</c>.</summary>
    public static async Task<int> MosquittoAsync(BenchOptions o) => (await MosquittoRateAsync(o)).Complete ? 0 : 1;

    /// <summary>Mosquitto alone; returns the rate the subscriber received at.</summary>
    public static Task<(double Rate, bool Complete)> MosquittoRateAsync(BenchOptions o) =>
        BrokerAloneRateAsync(o, o.MosquittoHost, o.MosquittoPort, "mosquitto");

    /// <summary>
    /// MQTTnet's broker alone (the library the embedded broker is built on, default options, in this process like
    /// the service's): the same publisher and subscriber as <see cref="MosquittoRateAsync"/>, nothing stored.
    /// </summary>
    public static async Task<(double Rate, bool Complete)> EmbeddedBrokerRateAsync(BenchOptions o)
    {
        var port = BenchHost.FreePort();
        var server = new MqttServerFactory().CreateMqttServer(
            new MqttServerOptionsBuilder()
                .WithDefaultEndpoint()
                .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
                .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
                .WithDefaultEndpointPort(port)

                // Like Mosquitto's max_queued_messages 100000 in the test config (MQTTnet's default of 250 drops messages
                // for a subscriber that falls behind).
                .WithMaxPendingMessagesPerClient(100_000)
                .Build());
        await server.StartAsync();
        try
        {
            return await BrokerAloneRateAsync(o, "127.0.0.1", port, "embedded broker (MQTTnet server)");
        }
        finally
        {
            await server.StopAsync();
            server.Dispose();
        }
    }

    private static async Task<(double Rate, bool Complete)> BrokerAloneRateAsync(BenchOptions o, string host, int port, string label)
    {
        using var subscriber = new MqttClientFactory().CreateMqttClient();
        long received = 0;
        long lastTicks = 0;
        subscriber.ApplicationMessageReceivedAsync += _ =>
        {
            Interlocked.Increment(ref received);
            Interlocked.Exchange(ref lastTicks, DateTimeOffset.UtcNow.UtcTicks);
            return Task.CompletedTask;
        };
        await subscriber.ConnectAsync(
            new MqttClientOptionsBuilder()
                .WithTcpServer(host, port)
                .WithClientId("bench-sub-" + Guid.NewGuid().ToString("N")[..8])
                .WithProtocolVersion(MqttProtocolVersion.V500)
                .WithCleanStart(true)

                // The service consumer's receive maximum (Ingestion:Mqtt:MaxInFlight), so both sides get the same window.
                .WithReceiveMaximum((ushort)o.ReceiveMaximum)
                .Build(),
            CancellationToken.None);
        await subscriber.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder().WithTopicFilter("sl/+/+/+/data", MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            CancellationToken.None);
        await using var publisher = await Publisher.ConnectAsync(host, port, o.Sensors, CancellationToken.None);

        var warmup = o.Sensors * 10;
        await publisher.PublishAsync(0, warmup, o.InFlight, CancellationToken.None);
        await WaitAsync(() => Interlocked.Read(ref received) >= warmup);

        var loadBefore = Load.Average();
        var start = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        var cpu = CpuMeter.Start();
        await publisher.PublishAsync(warmup, o.Messages, o.InFlight, CancellationToken.None);
        var published = clock.Elapsed;
        var complete = await WaitAsync(() => Interlocked.Read(ref received) >= warmup + o.Messages);
        var last = new DateTimeOffset(Interlocked.Read(ref lastTicks), TimeSpan.Zero);
        var got = Interlocked.Read(ref received) - warmup;
        var seconds = (last - start).TotalSeconds;
        Console.WriteLine(Line($"{label} publish→subscribe: {o.Messages} msgs, {o.Sensors} sensors, {o.InFlight} in flight"));
        Console.WriteLine(Line($"  published (PUBACKed) in {published.TotalSeconds:F2} s = {o.Messages / published.TotalSeconds:N0} msg/s; failed {publisher.Failed}"));
        Console.WriteLine(Line($"  received {got} in {seconds:F2} s = {got / seconds:N0} msg/s{(complete ? "" : " (INCOMPLETE)")}"));
        Console.WriteLine($"  {cpu.PerMessage(o.Messages)}");
        Console.WriteLine(Line($"  {loadBefore} before, {Load.Average()} after"));
        await subscriber.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
        return (got / seconds, complete);
    }

    /// <summary>End to end: publisher → (Mosquitto → service consumer | embedded broker) → validate → store → IReadingStream drained.</summary>
    public static async Task<int> ThroughputAsync(BenchOptions o, bool external) => (await ThroughputRateAsync(o, external)).Complete ? 0 : 1;

    /// <summary>End to end; returns the stored and handed-over rates.</summary>
    public static async Task<(double Stored, double Handed, bool Complete)> ThroughputRateAsync(BenchOptions o, bool external)
    {
        await using var service = await BenchHost.StartAsync(external, o.MosquittoHost, o.MosquittoPort, o.ServiceInFlight);
        await service.RegisterAsync(o.Sensors, 1);
        await using var publisher = await Publisher.ConnectAsync("127.0.0.1", service.MqttPort, o.Sensors, CancellationToken.None);

        // Warm-up (JIT, connections, the consumer's subscription): ten readings per sensor, waited for.
        var warmup = o.Sensors * 10;
        await publisher.PublishAsync(0, warmup, o.InFlight, CancellationToken.None);

        // Then the offered rate itself, unrecorded: a fresh process runs tier-0 code for its first seconds, and through
        // the embedded broker (whose senders wait for PUBACKs) that start alone made the p99 of a whole run.
        if (o.WarmupSeconds > 0)
        {
            warmup += await publisher.PublishPacedAsync(warmup, o.Rate, o.WarmupSeconds, o.InFlight, CancellationToken.None);
        }

        if (!await service.WaitForAsync(warmup, warmup, DrainTimeout))
        {
            Console.WriteLine(Line($"warm-up did not complete: stored {service.Store.Stored}, handed {service.Handed}"));
            return (0, 0, false);
        }

        var loadBefore = Load.Average();
        var start = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using var sampling = new CancellationTokenSource();
        var perSecond = SampleStoredPerSecondAsync(service, warmup, sampling.Token);
        var cpu = CpuMeter.Start();
        await publisher.PublishAsync(warmup, o.Messages, o.InFlight, CancellationToken.None);
        var published = clock.Elapsed;
        var complete = await service.WaitForAsync(warmup + o.Messages, 0, DrainTimeout);
        var cpuStored = cpu.PerMessage(o.Messages);
        complete &= await service.WaitForAsync(warmup + o.Messages, warmup + o.Messages, DrainTimeout);
        await sampling.CancelAsync();
        var series = await perSecond;
        var stored = service.Store.Stored - warmup;
        var handed = service.Handed - warmup;
        var storedSeconds = (service.Store.LastStored - start).TotalSeconds;
        var handedSeconds = (service.LastHanded - start).TotalSeconds;
        var name = external ? "external (Mosquitto → shared subscription, manual acks)" : "embedded broker (stored before PUBACK)";
        Console.WriteLine(Line($"{name}: {o.Messages} msgs, {o.Sensors} sensors, {o.InFlight} in flight"));
        Console.WriteLine(Line($"  published (PUBACKed) in {published.TotalSeconds:F2} s = {o.Messages / published.TotalSeconds:N0} msg/s; failed {publisher.Failed}"));
        Console.WriteLine(Line($"  stored {stored} in {storedSeconds:F2} s = {stored / storedSeconds:N0} readings/s{(complete ? "" : " (INCOMPLETE)")}"));
        Console.WriteLine(Line($"  stored per second: {string.Join(", ", series.Select(n => n.ToString("N0", CultureInfo.InvariantCulture)))}"));
        Console.WriteLine($"  until stored: {cpuStored}");
        var hold = service.Services.GetRequiredService<IOptions<HandOffOptions>>().Value.ReorderWindow.TotalSeconds;
        Console.WriteLine(Line($"  handed over {handed} in {handedSeconds:F2} s = {handed / handedSeconds:N0} readings/s; without the {hold:F0} s reorder hold at the tail {handed / (handedSeconds - hold):N0}/s"));
        Console.WriteLine(Line($"  {loadBefore} before, {Load.Average()} after"));
        return (stored / storedSeconds, handed / (handedSeconds - hold), complete);
    }

    /// <summary>
    /// The ratios in one run: <c>--rounds</c> times Mosquitto alone, then end to end through it, then MQTTnet's broker
    /// alone, then end to end through the embedded broker, one after the other (so each ratio compares neighbours
    /// measured under the same load); medians last.
    /// </summary>
    public static async Task<int> CompareAsync(BenchOptions o)
    {
        var rows = new List<(double Mosquitto, double External, double ExternalHanded, double Broker, double Embedded, double EmbeddedHanded)>();
        for (var round = 1 - o.WarmupRounds; round <= o.Rounds; round++)
        {
            // Warm-up rounds run the same code unrecorded, so measured rounds see tiered (optimised) JIT code on
            // both sides, as a long-running service does, not instrumented tier-0 code.
            Console.WriteLine(round < 1 ? Line($"warm-up round {round + o.WarmupRounds} of {o.WarmupRounds} (not recorded)") : Line($"round {round} of {o.Rounds}"));
            var (baseline, baselineDone) = await MosquittoRateAsync(o);
            // Handed-over rates leave out the reorder hold (every reading waits 2 s before release: a delay, not a rate).
            var (external, externalHanded, externalDone) = await ThroughputRateAsync(o, external: true);
            var (broker, brokerDone) = await EmbeddedBrokerRateAsync(o);
            var (embedded, embeddedHanded, embeddedDone) = await ThroughputRateAsync(o, external: false);
            if (round < 1)
            {
                continue;
            }

            if (!baselineDone || !externalDone || !brokerDone || !embeddedDone)
            {
                Console.WriteLine("  a measurement did not complete; round left out");
                continue;
            }

            rows.Add((baseline, external, externalHanded, broker, embedded, embeddedHanded));
            Console.WriteLine(Line($"  ratios: external stored / Mosquitto alone {external / baseline:F2} (handed {externalHanded / baseline:F2}); embedded stored / MQTTnet broker alone {embedded / broker:F2} (handed {embeddedHanded / broker:F2}), / Mosquitto alone {embedded / baseline:F2}"));
        }

        if (rows.Count == 0)
        {
            return 1;
        }

        static double Median(IEnumerable<double> values)
        {
            var sorted = values.Order().ToArray();
            return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
        }

        Console.WriteLine(Line($"medians of {rows.Count} rounds: Mosquitto alone {Median(rows.Select(r => r.Mosquitto)):N0} msg/s; external stored {Median(rows.Select(r => r.External)):N0}/s (ratio {Median(rows.Select(r => r.External / r.Mosquitto)):F2}), handed {Median(rows.Select(r => r.ExternalHanded)):N0}/s ({Median(rows.Select(r => r.ExternalHanded / r.Mosquitto)):F2})"));
        Console.WriteLine(Line($"  MQTTnet broker alone {Median(rows.Select(r => r.Broker)):N0} msg/s; embedded stored {Median(rows.Select(r => r.Embedded)):N0}/s (ratio {Median(rows.Select(r => r.Embedded / r.Broker)):F2}; to Mosquitto alone {Median(rows.Select(r => r.Embedded / r.Mosquitto)):F2}), handed {Median(rows.Select(r => r.EmbeddedHanded)):N0}/s ({Median(rows.Select(r => r.EmbeddedHanded / r.Broker)):F2})"));
        return 0;
    }

    /// <summary>Readings stored in each whole second of the run (the rate's shape: does it fall as the run goes on?).</summary>
    private static async Task<List<long>> SampleStoredPerSecondAsync(BenchHost service, long from, CancellationToken cancellationToken)
    {
        var series = new List<long>();
        var last = from;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var now = service.Store.Stored;
                series.Add(now - last);
                last = now;
            }
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }

        return series;
    }

    /// <summary>GC heap and working set: service started, then 10,000 sensors registered, then after one reading per sensor.</summary>
    public static async Task<int> MemoryAsync(BenchOptions o)
    {
        await using var service = await BenchHost.StartAsync(external: false, o.MosquittoHost, o.MosquittoPort);
        Report("service started, no sensors");
        var clock = Stopwatch.StartNew();
        await service.RegisterAsync(o.Sensors, 1);
        Console.WriteLine(Line($"registered {o.Sensors} sensors in {clock.Elapsed.TotalSeconds:F1} s"));
        Report($"{o.Sensors} sensors registered");
        await using (var publisher = await Publisher.ConnectAsync("127.0.0.1", service.MqttPort, o.Sensors, CancellationToken.None))
        {
            await publisher.PublishAsync(0, o.Sensors, o.InFlight, CancellationToken.None);
        }

        await service.WaitForAsync(o.Sensors, o.Sensors, DrainTimeout);
        Report($"{o.Sensors} sensors, one reading each ingested");
        return 0;

        static void Report(string when)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
            var info = GC.GetGCMemoryInfo();
            using var process = Process.GetCurrentProcess();
            Console.WriteLine(Line($"  {when}: GC heap {GC.GetTotalMemory(forceFullCollection: false) / 1048576.0:F1} MiB (heap size {info.HeapSizeBytes / 1048576.0:F1} MiB), working set {process.WorkingSet64 / 1048576.0:F1} MiB; {Load.Average()}"));
        }
    }

    /// <summary>
    /// The quality roll-up at <c>--sensors</c> registered sensors, one reading each: the first pass (every hour of today
    /// and yesterday without rows: computed and stored) and the next (the current and previous hour, days from stored hours).
    /// </summary>
    public static async Task<int> RollupAsync(BenchOptions o)
    {
        await using var service = await BenchHost.StartAsync(external: false, o.MosquittoHost, o.MosquittoPort);
        await service.RegisterAsync(o.Sensors, 1);
        await using (var publisher = await Publisher.ConnectAsync("127.0.0.1", service.MqttPort, o.Sensors, CancellationToken.None))
        {
            await publisher.PublishAsync(0, o.Sensors, o.InFlight, CancellationToken.None);
        }

        await service.WaitForAsync(o.Sensors, 0, DrainTimeout);
        var rollups = service.Services.GetRequiredService<SafetyLedger.Ingestion.Quality.QualityRollupService>();
        for (var pass = 1; pass <= 3; pass++)
        {
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var clock = Stopwatch.StartNew();
            var rows = await rollups.RollUpAsync(DateTimeOffset.UtcNow, CancellationToken.None);
            Console.WriteLine(Line($"roll-up pass {pass}, {o.Sensors} sensors: {rows:N0} rows in {clock.Elapsed.TotalSeconds:F2} s, {(Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds:F2} s CPU; {Load.Average()}"));
        }

        return 0;
    }

    /// <summary>p50/p99/max publish→stored at a fixed offered rate (each message's ts is its slot on the schedule).</summary>
    public static async Task<int> LatencyAsync(BenchOptions o)
    {
        var external = string.Equals(o.Mode, "external", StringComparison.Ordinal);
        await using var service = await BenchHost.StartAsync(external, o.MosquittoHost, o.MosquittoPort, o.ServiceInFlight);
        await service.RegisterAsync(o.Sensors, 1);
        await using var publisher = await Publisher.ConnectAsync("127.0.0.1", service.MqttPort, o.Sensors, CancellationToken.None);
        var warmup = o.Sensors * 10;
        await publisher.PublishAsync(0, warmup, o.InFlight, CancellationToken.None);

        // Then the offered rate itself, unrecorded: a fresh process runs tier-0 code for its first seconds, and through
        // the embedded broker (whose senders wait for PUBACKs) that start alone made the p99 of a whole run.
        if (o.WarmupSeconds > 0)
        {
            warmup += await publisher.PublishPacedAsync(warmup, o.Rate, o.WarmupSeconds, o.InFlight, CancellationToken.None);
        }

        if (!await service.WaitForAsync(warmup, warmup, DrainTimeout))
        {
            Console.WriteLine(Line($"warm-up did not complete: stored {service.Store.Stored}"));
            return 1;
        }

        var loadBefore = Load.Average();
        service.Store.Recording = true;
        var start = DateTimeOffset.UtcNow;
        var total = await publisher.PublishPacedAsync(warmup, o.Rate, o.Seconds, o.InFlight, CancellationToken.None);
        var offeredSeconds = (DateTimeOffset.UtcNow - start).TotalSeconds;
        var complete = await service.WaitForAsync(warmup + (long)total, 0, DrainTimeout);
        service.Store.Recording = false;
        var storedSeconds = (service.Store.LastStored - start).TotalSeconds;
        var latencies = service.Store.TakeLatencies();

        // In the order stored, so a stall shows where it happened (at the offered rate, about 5 s per slice).
        var slice = Math.Max(1, o.Rate * 5);
        var worst = latencies.Chunk(slice).Select(c => c.Max().ToString("F0", System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Array.Sort(latencies);
        Console.WriteLine(Line($"latency ({(external ? "external via Mosquitto" : "embedded")}): offered {o.Rate} msg/s for {o.Seconds} s ({total} msgs) after {o.WarmupSeconds} s unrecorded at that rate, {o.Sensors} sensors, ≤ {o.InFlight} in flight"));
        Console.WriteLine(Line($"  publishing took {offeredSeconds:F2} s; stored {latencies.Length} by {storedSeconds:F2} s = {latencies.Length / storedSeconds:N0} readings/s{(complete ? "" : " (INCOMPLETE)")}"));
        Console.WriteLine(Line($"  publish→stored p50 {Percentile(latencies, 0.50):F1} ms, p99 {Percentile(latencies, 0.99):F1} ms, p99.9 {Percentile(latencies, 0.999):F1} ms, max {(latencies.Length > 0 ? latencies[^1] : 0):F1} ms"));
        Console.WriteLine(Line($"  worst per {slice} readings stored (~5 s), ms: {string.Join(", ", worst)}"));
        Console.WriteLine(Line($"  sustained: {(offeredSeconds <= o.Seconds * 1.02 && storedSeconds <= o.Seconds * 1.05 ? "yes" : "NO")} (publishing within 2 % and storing within 5 % of the offered {o.Seconds} s)"));
        Console.WriteLine(Line($"  {loadBefore} before, {Load.Average()} after"));
        return complete ? 0 : 1;
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];

    private static async Task<bool> WaitAsync(Func<bool> done)
    {
        var until = DateTimeOffset.UtcNow + DrainTimeout;
        while (!done())
        {
            if (DateTimeOffset.UtcNow > until)
            {
                return false;
            }

            await Task.Delay(5);
        }

        return true;
    }

    private static string Line(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
