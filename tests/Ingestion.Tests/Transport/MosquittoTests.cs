using System.Globalization;
using System.Text.Json;
using SafetyLedger.Ingestion.DeadLetters;
using SafetyLedger.Ingestion.Pipeline;
using SafetyLedger.Ingestion.Telemetry;
using SafetyLedger.Ingestion.Tests.Support;
using SafetyLedger.Ingestion.Transport;

namespace SafetyLedger.Ingestion.Tests.Transport;

/// <summary>
/// Against the real Mosquitto that scripts/services.d/mosquitto.sh starts (port from MOSQUITTO_PORT,
/// default 18830): two service instances share the load through one shared subscription and
/// acknowledge only what they stored.
/// </summary>
public sealed class MosquittoTests : IAsyncLifetime, IDisposable
{
    private readonly TempFolder first = new();
    private readonly TempFolder second = new();
    private readonly string group = "it" + Guid.NewGuid().ToString("N")[..8];
    private readonly List<IngestionHost> hosts = [];

    private static int Port => int.TryParse(Environment.GetEnvironmentVariable("MOSQUITTO_PORT"), CultureInfo.InvariantCulture, out var port) ? port : 18830;

    public async Task InitializeAsync()
    {
        Assert.True(
            FreePort.IsListening(Port),
            $"Nothing listens on 127.0.0.1:{Port}: start Mosquitto with 'scripts/services.d/mosquitto.sh start' (or scripts/services.sh start), or set MOSQUITTO_PORT.");
        await StartInstancesAsync(register: true);
    }

    public async Task DisposeAsync()
    {
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }
    }

    public void Dispose()
    {
        first.Dispose();
        second.Dispose();
    }

    [Fact]
    public async Task Two_instances_share_the_load_and_each_reading_is_stored_once()
    {
        const int Count = 40;
        await using var sensor = await MqttTestClient.ConnectAsync(Port);
        var now = DateTimeOffset.UtcNow;
        for (var i = 0; i < Count; i++)
        {
            Assert.True((await sensor.PublishAsync(Some.Topic(), Some.Reading(now.AddMilliseconds(-10 * i), i, seq: i))).IsSuccess);
        }

        var counts = await WaitForAsync(() => hosts.Select(h => h.Get<IngestionMetrics>().Accepted).ToList(), c => c.Sum() >= Count);

        Assert.Equal(Count, counts.Sum());
        Assert.All(counts, c => Assert.True(c > 0, $"one instance got nothing: {string.Join('/', counts)}"));
        var stored = 0;
        foreach (var host in hosts)
        {
            stored += (await host.Get<ITelemetryStore>().QueryAsync(Some.Tenant, "h2s-1", now.AddMinutes(-1), now.AddMinutes(1), CancellationToken.None)).Count;
        }

        Assert.Equal(Count, stored);
        Assert.All(hosts, h => Assert.Empty(h.Errors.Errors));
    }

    [Fact]
    public async Task A_bad_payload_is_dead_lettered_and_announced_on_the_external_broker()
    {
        await using var watcher = await MqttTestClient.ConnectAsync(Port);
        await watcher.SubscribeAsync($"sl/{Some.Tenant}/deadletter");
        await using var sensor = await MqttTestClient.ConnectAsync(Port);

        await sensor.PublishAsync(Some.Topic(), "{not json");

        var (_, announced) = await watcher.NextAsync(TimeSpan.FromSeconds(10));
        using var json = JsonDocument.Parse(announced);
        Assert.Equal(RejectionReasons.MalformedJson, json.RootElement.GetProperty("reason").GetString());
        var letters = 0;
        foreach (var host in hosts)
        {
            letters += (await host.Get<IDeadLetterStore>().ListAsync(Some.Tenant, 0, 10, CancellationToken.None)).Count;
        }

        Assert.Equal(1, letters);
    }

    [Fact]
    public async Task Messages_acknowledged_in_runs_are_not_delivered_again_when_the_instances_reconnect()
    {
        const int Count = 600;
        await using var sensor = await MqttTestClient.ConnectAsync(Port);
        var now = DateTimeOffset.UtcNow;

        // All at once, so each instance stores them in groups and acknowledges runs of them in one send.
        var published = await Task.WhenAll(Enumerable.Range(0, Count).Select(i => sensor.PublishAsync(Some.Topic(), Some.Reading(now.AddMilliseconds(-i), i % 100, seq: i))));
        Assert.All(published, p => Assert.True(p.IsSuccess));
        var accepted = await WaitForAsync(() => hosts.Sum(h => h.Get<IngestionMetrics>().Accepted), a => a >= Count);
        Assert.Equal(Count, accepted);

        // Same client ids, persistent sessions: the broker delivers again whatever it did not see acknowledged.
        foreach (var host in hosts)
        {
            await host.DisposeAsync();
        }

        hosts.Clear();
        await StartInstancesAsync(register: false);
        await Task.Delay(1000);

        Assert.All(hosts, h => Assert.Equal(0, h.Get<IngestionMetrics>().Accepted + h.Get<IngestionMetrics>().Duplicates));
        var stored = 0;
        foreach (var host in hosts)
        {
            stored += (await host.Get<ITelemetryStore>().QueryAsync(Some.Tenant, "h2s-1", now.AddMinutes(-1), now.AddMinutes(1), CancellationToken.None)).Count;
        }

        Assert.Equal(Count, stored);
    }

    /// <summary>Starts the two instances on their folders (sensors registered there stay registered).</summary>
    private async Task StartInstancesAsync(bool register)
    {
        foreach (var (folder, name) in new[] { (first, "a"), (second, "b") })
        {
            var host = await IngestionHost.StartAsync(folder.Path, new Dictionary<string, string?>(StringComparer.Ordinal)
            {
                ["Ingestion:Mqtt:Mode"] = "External",
                ["Ingestion:Mqtt:Port"] = Port.ToString(CultureInfo.InvariantCulture),
                ["Ingestion:Mqtt:ClientId"] = $"{group}-{name}",
                ["Ingestion:Mqtt:SharedGroup"] = group,
                ["Ingestion:Mqtt:SessionExpiry"] = "00:00:10",
                ["Ingestion:Mqtt:ReconnectDelay"] = "00:00:00.200",
            });
            hosts.Add(host);
            if (register)
            {
                await host.RegisterAsync(Some.H2S());
            }
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!hosts.TrueForAll(h => h.Get<ExternalBrokerConsumer>().IsConnected))
        {
            await Task.Delay(50, timeout.Token);
        }

        await Task.Delay(300); // the subscriptions follow the connection
    }

    private static async Task<T> WaitForAsync<T>(Func<T> read, Func<T, bool> done)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        var value = read();
        while (!done(value) && !timeout.IsCancellationRequested)
        {
            await Task.Delay(50, CancellationToken.None);
            value = read();
        }

        return value;
    }
}
