using System.Diagnostics;
using System.Globalization;
using System.Text;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace SafetyLedger.Ingestion.Bench;

/// <summary>
/// The one publisher every measurement uses: an MQTTnet 5 client (MQTT 5, QoS 1) with a fixed number of
/// publishes in flight (that many workers, each awaiting its PUBACK before the next publish).
/// Message i goes to sensor <c>s-{i % sensors}</c> with <c>seq = i / sensors</c>; its <c>ts</c> is the time it
/// was due (closed loop: when it was built; paced: its slot on the schedule), so publish→stored includes queueing.
/// </summary>
internal sealed class Publisher : IAsyncDisposable
{
    public const string Tenant = "bench";
    public const string Site = "site-1";

    private readonly IMqttClient client;
    private readonly int sensors;
    private readonly string[] topics;

    private Publisher(IMqttClient client, int sensors)
    {
        this.client = client;
        this.sensors = sensors;
        topics = Enumerable.Range(0, sensors).Select(i => $"sl/{Tenant}/{Site}/{SensorId(i)}/data").ToArray();
    }

    public long Failed => Interlocked.Read(ref failed);

    private long failed;

    public static string SensorId(int i) => string.Create(CultureInfo.InvariantCulture, $"s-{i:D5}");

    public static async Task<Publisher> ConnectAsync(string host, int port, int sensors, CancellationToken cancellationToken)
    {
        var mqtt = new MqttClientFactory().CreateMqttClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer(host, port)
            .WithClientId("bench-pub-" + Guid.NewGuid().ToString("N")[..8])
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(true)
            .WithTimeout(TimeSpan.FromSeconds(30))
            .Build();
        await mqtt.ConnectAsync(options, cancellationToken);
        return new Publisher(mqtt, sensors);
    }

    /// <summary>Publishes messages [first, first + count) with <paramref name="inFlight"/> outstanding, as fast as PUBACKs allow.</summary>
    public async Task PublishAsync(int first, int count, int inFlight, CancellationToken cancellationToken)
    {
        var next = first - 1;
        var end = first + count;
        var workers = Enumerable.Range(0, inFlight).Select(async _ =>
        {
            await Task.Yield();
            int i;
            while ((i = Interlocked.Increment(ref next)) < end)
            {
                await PublishOneAsync(i, DateTimeOffset.UtcNow, cancellationToken);
            }
        }).ToList();
        await Task.WhenAll(workers);
    }

    /// <summary>Offers <paramref name="rate"/> messages/s for <paramref name="seconds"/>, with at most <paramref name="inFlight"/> outstanding.</summary>
    public async Task<int> PublishPacedAsync(int first, int rate, int seconds, int inFlight, CancellationToken cancellationToken)
    {
        var total = rate * seconds;
        var start = DateTimeOffset.UtcNow;
        var clock = Stopwatch.StartNew();
        using var slots = new SemaphoreSlim(inFlight);
        var pending = new List<Task>(total);
        for (var k = 0; k < total; k++)
        {
            var due = TimeSpan.FromTicks(TimeSpan.TicksPerSecond * k / rate);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(2))
            {
                await Task.Delay(wait, cancellationToken);
            }

            await slots.WaitAsync(cancellationToken);
            pending.Add(PublishReleasingAsync(first + k, start + due, slots, cancellationToken));
        }

        await Task.WhenAll(pending);
        return total;
    }

    public async ValueTask DisposeAsync()
    {
        if (client.IsConnected)
        {
            await client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
        }

        client.Dispose();
    }

    private async Task PublishReleasingAsync(int i, DateTimeOffset due, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            await PublishOneAsync(i, due, cancellationToken);
        }
        finally
        {
            slots.Release();
        }
    }

    private async Task PublishOneAsync(int i, DateTimeOffset ts, CancellationToken cancellationToken)
    {
        var sensor = i % sensors;
        var seq = i / sensors;
        var value = 1 + (seq % 400) * 0.25;
        var payload = Encoding.UTF8.GetBytes(string.Create(
            CultureInfo.InvariantCulture,
            $"{{\"ts\":\"{ts.UtcDateTime:yyyy-MM-ddTHH:mm:ss.fffffffZ}\",\"value\":{value:R},\"unit\":\"ppm\",\"seq\":{seq}}}"));
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topics[sensor])
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        var result = await client.PublishAsync(message, cancellationToken);
        if (!result.IsSuccess)
        {
            Interlocked.Increment(ref failed);
        }
    }
}
