using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Data.Sqlite;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using SafetyLedger.Integration.Tests.Support;

namespace SafetyLedger.Integration.Tests.Ingestion;

/// <summary>
/// Acceptance of the ingestion issue: SIGKILL the service during a QoS 1 publish stream from a separate
/// client; after restart, every message the client saw acknowledged is stored exactly once, and every
/// reading ends in exactly one sealed batch whose digest is in the ledger.
/// </summary>
public sealed class IngestionCrashTests
{
    private const int Kills = 4;
    private const int AcksBeforeKill = 300;
    private const int Publishers = 4;
    private const string Tenant = "acme";
    private const string Site = "plant-1";
    private const string Sensor = "h2s-crash";

    [Fact]
    public async Task Every_acknowledged_QoS1_reading_survives_SIGKILL_exactly_once_and_the_ledger_verifies()
    {
        using var data = new TempDirectory();
        var random = new Random(20261128);
        var acknowledged = new ConcurrentDictionary<long, bool>();
        long nextSeq = 0;
        var topic = $"sl/{Tenant}/{Site}/{Sensor}/data";
        var manager = await TestAccess.SeedAsync(data.Path, Tenant, "safety-manager");
        var device = await Cli.RunAsync("keys", "create", "--data", data.Path, "--role", "device", "--tenant", Tenant);
        using var deviceKey = System.Text.Json.JsonDocument.Parse(device.Out);
        var (deviceId, deviceSecret) = (deviceKey.RootElement.GetProperty("id").GetString(), deviceKey.RootElement.GetProperty("key").GetString());

        for (var round = 0; round <= Kills; round++)
        {
            await using var service = await Service.StartAsync(data.Path);
            if (round == 0)
            {
                await service.RegisterSensorAsync(manager);
            }

            using var client = new MqttClientFactory().CreateMqttClient();
            await client.ConnectAsync(
                new MqttClientOptionsBuilder()
                    .WithTcpServer("127.0.0.1", service.MqttPort)
                    .WithClientId("ingestion-crash-publisher")
                    .WithCredentials(deviceId, deviceSecret)
                    .WithCleanStart()
                    .WithProtocolVersion(MqttProtocolVersion.V500)
                    .WithTimeout(TimeSpan.FromSeconds(10))
                    .Build(),
                CancellationToken.None);

            if (round == Kills)
            {
                // Last round: a short stream, then a graceful stop, so the final state is also reached the ordinary way.
                await PublishAsync(client, topic, () => Interlocked.Increment(ref nextSeq), acknowledged, stopAfterAcks: 100, CancellationToken.None);
                await client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
                await service.StopGracefullyAsync();
                break;
            }

            await PublishUntilKilledAsync(round, service, client, topic, () => Interlocked.Increment(ref nextSeq), acknowledged, random);
        }

        Assert.True(acknowledged.Count >= (Kills * AcksBeforeKill) + 100, $"only {acknowledged.Count} acknowledgements");

        var stored = StoredSeqCounts(data.Path);
        var missing = acknowledged.Keys.Where(seq => !stored.ContainsKey(seq)).Order().ToList();
        var duplicated = stored.Where(pair => pair.Value > 1).Select(pair => pair.Key).Order().ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} acknowledged readings are missing, e.g. seq {string.Join(", ", missing.Take(20))}");
        Assert.True(duplicated.Count == 0, $"{duplicated.Count} readings are stored more than once, e.g. seq {string.Join(", ", duplicated.Take(20))}");

        await AssertEveryReadingSealedOnceAsync(data.Path);
    }

    /// <summary>
    /// Windows of 2 s are sealed 1 s after they close, so the kills also landed between a batch's creation and its
    /// ledger entry. One more start with nothing published lets every window close; each must end sealed once.
    /// </summary>
    private static async Task AssertEveryReadingSealedOnceAsync(string dataDirectory)
    {
        await using (var settle = await Service.StartAsync(dataDirectory))
        {
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            while (Scalar(dataDirectory, "SELECT COUNT(*) FROM readings") > Scalar(dataDirectory, "SELECT COALESCE(SUM(count), 0) FROM batches") || Scalar(dataDirectory, "SELECT COUNT(*) FROM batches WHERE ledger_position IS NULL") > 0)
            {
                await Task.Delay(200, deadline.Token);
            }

            await settle.StopGracefullyAsync();
        }

        var batches = Scalar(dataDirectory, "SELECT COUNT(*) FROM batches");
        Assert.Equal(Scalar(dataDirectory, "SELECT COUNT(*) FROM readings"), Scalar(dataDirectory, "SELECT COALESCE(SUM(count), 0) FROM batches"));
        SqliteConnection.ClearAllPools();
        var verify = await Cli.RunAsync("verify", "--data", dataDirectory);
        Assert.True(verify.ExitCode == 0, verify.ToString());
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"in {batches} sealed batches match their ledger digests"), verify.Out, StringComparison.Ordinal);
    }

    private static long Scalar(string dataDirectory, string sql)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "telemetry.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Publishes as fast as the acknowledgements come, from a few publishers sharing one seq counter (so several
    /// QoS 1 messages are in flight), and SIGKILLs the service at a random moment after enough acknowledgements.
    /// </summary>
    private static async Task PublishUntilKilledAsync(
        int round,
        Service service,
        IMqttClient client,
        string topic,
        Func<long> nextSeq,
        ConcurrentDictionary<long, bool> acknowledged,
        Random random)
    {
        using var stop = new CancellationTokenSource();
        var roundAcks = 0;
        var enough = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var streams = Enumerable.Range(0, Publishers).Select(_ => Task.Run(() => PublishAsync(
            client,
            topic,
            nextSeq,
            acknowledged,
            stopAfterAcks: int.MaxValue,
            stop.Token,
            onAck: () =>
            {
                if (Interlocked.Increment(ref roundAcks) >= AcksBeforeKill)
                {
                    enough.TrySetResult();
                }
            }))).ToArray();

        var reached = await Task.WhenAny(enough.Task, Task.WhenAll(streams), Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.True(reached == enough.Task, $"round {round}: only {Volatile.Read(ref roundAcks)} acknowledgements; {(reached == enough.Task ? string.Empty : await DescribeAsync(streams))}\n{service.Tail()}");
        await Task.Delay(random.Next(0, 400));
        service.Kill(); // SIGKILL, mid-stream
        await stop.CancelAsync();
        await Task.WhenAll(streams); // publishers end on the broken connection; what was acknowledged is recorded
    }

    /// <summary>Publishes QoS 1 readings until cancelled, the connection breaks or <paramref name="stopAfterAcks"/> are acknowledged.</summary>
    private static async Task PublishAsync(
        IMqttClient client,
        string topic,
        Func<long> nextSeq,
        ConcurrentDictionary<long, bool> acknowledged,
        int stopAfterAcks,
        CancellationToken cancellationToken,
        Action? onAck = null)
    {
        for (var acks = 0; acks < stopAfterAcks && !cancellationToken.IsCancellationRequested;)
        {
            var seq = nextSeq();
            var payload = string.Create(
                CultureInfo.InvariantCulture,
                $$"""{"ts":"{{DateTimeOffset.UtcNow:O}}","value":{{1 + (seq % 100 / 100.0)}},"unit":"ppm","seq":{{seq}}}""");
            var message = new MqttApplicationMessageBuilder()
                .WithTopic(topic)
                .WithPayload(Encoding.UTF8.GetBytes(payload))
                .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                .Build();
            MqttClientPublishResult result;
            try
            {
                // Not cancelled by the kill: a PUBACK already on the wire must still be seen, a lost one fails the call.
                result = await client.PublishAsync(message, CancellationToken.None);
            }
            catch (Exception ex) when (ex is MQTTnet.Exceptions.MqttCommunicationException or OperationCanceledException or MQTTnet.Exceptions.MqttClientNotConnectedException or ObjectDisposedException)
            {
                return;
            }

            // MQTT 5 reason codes below 0x80 are successes (NoMatchingSubscribers included).
            if ((int)result.ReasonCode < 0x80)
            {
                acknowledged[seq] = true;
                acks++;
                onAck?.Invoke();
            }
        }
    }

    private static async Task<string> DescribeAsync(Task[] streams)
    {
        try
        {
            await Task.WhenAll(streams);
            return "the publishers stopped";
        }
        catch (Exception ex)
        {
            return ex.ToString();
        }
    }

    private static Dictionary<long, long> StoredSeqCounts(string dataDirectory)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(dataDirectory, "telemetry.db"),
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = false,
        };
        using var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT seq, COUNT(*) FROM readings WHERE tenant = $t AND sensor_id = $s AND seq IS NOT NULL GROUP BY seq";
        command.Parameters.AddWithValue("$t", Tenant);
        command.Parameters.AddWithValue("$s", Sensor);
        using var reader = command.ExecuteReader();
        var counts = new Dictionary<long, long>();
        while (reader.Read())
        {
            counts[reader.GetInt64(0)] = reader.GetInt64(1);
        }

        return counts;
    }

    /// <summary><c>ledger serve</c> as a child process on free ports, its output drained continuously.</summary>
#pragma warning disable VSTHRD003 // The awaited drain task was started by this object, on the child's pipes.
    private sealed class Service : IAsyncDisposable
    {
        private readonly Process process;
        private readonly ConcurrentQueue<string> tail = new();
        private readonly Task drain;
        private readonly HttpClient http;

        private Service(Process process, int httpPort, int mqttPort)
        {
            this.process = process;
            MqttPort = mqttPort;
            http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{httpPort}"), Timeout = TimeSpan.FromSeconds(10) };
            drain = Task.WhenAll(DrainAsync(process.StandardOutput), DrainAsync(process.StandardError));
        }

        public int MqttPort { get; }

        /// <summary>Starts the service; a port taken between <see cref="FreePort.Next"/> and the child's bind is retried on new ports.</summary>
        public static async Task<Service> StartAsync(string dataDirectory)
        {
            for (var attempt = 1; ; attempt++)
            {
                var service = Start(dataDirectory);
                if (await service.WaitHealthyAsync())
                {
                    return service;
                }

                var why = service.process.HasExited
                    ? $"ledger serve exited {service.process.ExitCode} before it was healthy\n{service.Tail()}"
                    : $"ledger serve was not healthy after 30 s\n{service.Tail()}";
                await service.DisposeAsync();
                Assert.True(attempt < 3 && why.Contains("could not start", StringComparison.Ordinal), why);
            }
        }

        private static Service Start(string dataDirectory)
        {
            var httpPort = FreePort.Next();
            var mqttPort = FreePort.Next();
            var environment = new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["LEDGER_Ingestion__Mqtt__Port"] = mqttPort.ToString(CultureInfo.InvariantCulture),
                ["LEDGER_RiskCore__Dcs__Port"] = mqttPort.ToString(CultureInfo.InvariantCulture),
                ["LEDGER_Anchoring__Enabled"] = "false",
                ["LEDGER_Ingestion__Digests__BatchLength"] = "00:00:02",
                ["LEDGER_Ingestion__Digests__SealDelay"] = "00:00:01",
                ["LEDGER_Ingestion__Digests__SealInterval"] = "00:00:00.250",
            };
            var child = ChildProcess.StartDotnet(
                "ledger", environment, "serve", "--data", dataDirectory, "--urls", $"http://127.0.0.1:{httpPort}", "--no-demo");
            return new Service(child, httpPort, mqttPort);
        }

        public async Task RegisterSensorAsync(string apiKey)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/enterprises/{Tenant}/sensors")
            {
                Content = new StringContent(
                    $$$"""
                    {"id":"{{{Sensor}}}","kind":"toxic_gas","unit":"ppm","gas":"H2S","molarMass":34.08,"site":"{{{Site}}}",
                     "expectedPeriodSeconds":1,"rangeMin":0,"rangeMax":500,"alarms":{"level1":400,"level2":450}}
                    """,
                    Encoding.UTF8,
                    "application/json"),
            };
            request.Headers.Add("X-Api-Key", apiKey);
            using var response = await http.SendAsync(request);
            Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, $"registration: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        public void Kill()
        {
            process.Kill(entireProcessTree: true);
        }

        public async Task StopGracefullyAsync()
        {
            using (var term = Process.Start(new ProcessStartInfo("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)]) { UseShellExecute = false })!)
            {
                await term.WaitForExitAsync();
            }

            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(timeout.Token);
            await drain;
            Assert.True(process.ExitCode == 0, $"ledger serve exited {process.ExitCode} on SIGTERM\n{Tail()}");
        }

        public string Tail() => string.Join('\n', tail);

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
            await drain;
            http.Dispose();
            process.Dispose();
        }

        /// <summary>True once <c>/healthz</c> answers; false when the child exited first or 30 s passed.</summary>
        private async Task<bool> WaitHealthyAsync()
        {
            var deadline = Stopwatch.StartNew();
            while (deadline.Elapsed < TimeSpan.FromSeconds(30))
            {
                if (process.HasExited)
                {
                    await drain;
                    return false;
                }

                try
                {
                    using var response = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
                    if (response.IsSuccessStatusCode)
                    {
                        return true;
                    }
                }
                catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
                {
                    // Not listening yet, or the port was taken by another process between FreePort and the child's
                    // bind (it accepts and never answers): the child then exits with "could not start" and is retried.
                }

                await Task.Delay(100);
            }

            return false;
        }

        private async Task DrainAsync(StreamReader output)
        {
            while (await output.ReadLineAsync() is { } line)
            {
                tail.Enqueue(line);
                while (tail.Count > 40 && tail.TryDequeue(out _))
                {
                }
            }
        }
    }
#pragma warning restore VSTHRD003
}
