using System.Buffers;
using System.Text;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace SafetyLedger.Ingestion.Tests.Support;

/// <summary>A real MQTT 5 client for tests: publishes QoS 1 and collects what it subscribed to.</summary>
public sealed class MqttTestClient : IAsyncDisposable
{
    private readonly IMqttClient client = new MqttClientFactory().CreateMqttClient();
    private readonly Channel<(string Topic, string Payload)> received = Channel.CreateUnbounded<(string, string)>();

    private MqttTestClient()
    {
        client.ApplicationMessageReceivedAsync += e =>
        {
            received.Writer.TryWrite((e.ApplicationMessage.Topic, Encoding.UTF8.GetString(e.ApplicationMessage.Payload.ToArray())));
            return Task.CompletedTask;
        };
    }

    /// <summary>Connects with the test device key (<see cref="TestMqttClients"/>) unless other credentials are given; <paramref name="keyId"/> "" connects anonymously.</summary>
    public static async Task<MqttTestClient> ConnectAsync(int port, string? clientId = null, string? keyId = TestMqttClients.DeviceKeyId, string? key = TestMqttClients.DeviceKey)
    {
        var test = new MqttTestClient();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId ?? "test-" + Guid.NewGuid().ToString("N")[..8])
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (!string.IsNullOrEmpty(keyId))
        {
            options = options.WithCredentials(keyId, key);
        }

        await test.client.ConnectAsync(options.Build(), CancellationToken.None);
        return test;
    }

    /// <summary>Subscribes and returns the broker's reason code for the filter.</summary>
    public async Task<MqttClientSubscribeResultCode> TrySubscribeAsync(string filter)
    {
        var result = await client.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            CancellationToken.None);
        return result.Items.First().ResultCode;
    }

    public async Task<MqttClientPublishResult> PublishAsync(string topic, string payload) =>
        await PublishAsync(topic, Encoding.UTF8.GetBytes(payload));

    public async Task<MqttClientPublishResult> PublishAsync(string topic, byte[] payload)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload)
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        return await client.PublishAsync(message, CancellationToken.None);
    }

    public async Task SubscribeAsync(string filter)
    {
        await client.SubscribeAsync(
            new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build(),
            CancellationToken.None);
    }

    /// <summary>The next message received, or a failure after <paramref name="timeout"/>.</summary>
    public async Task<(string Topic, string Payload)> NextAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        return await received.Reader.ReadAsync(cts.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (client.IsConnected)
        {
            await client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
        }

        client.Dispose();
    }
}
