using System.Buffers;
using System.Net;
using System.Text;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;

namespace SafetyLedger.RiskCore.Tests.Support;

/// <summary>A real MQTTnet broker on 127.0.0.1 with a DCS-side subscriber on <c>sl/+/+/dcs/cmd</c> (QoS 1).</summary>
internal sealed class DcsBroker : IAsyncDisposable
{
    private readonly MqttServer _server;
    private readonly IMqttClient _subscriber = new MqttClientFactory().CreateMqttClient();

    private DcsBroker(int port)
    {
        _server = new MqttServerFactory().CreateMqttServer(new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(port)
            .Build());
        _subscriber.ApplicationMessageReceivedAsync += e =>
        {
            Received.Writer.TryWrite((e.ApplicationMessage.Topic, Encoding.UTF8.GetString(e.ApplicationMessage.Payload.ToArray())));
            return Task.CompletedTask;
        };
    }

    public Channel<(string Topic, string Payload)> Received { get; } = Channel.CreateUnbounded<(string, string)>();

    public static async Task<DcsBroker> StartAsync(int port)
    {
        var broker = new DcsBroker(port);
        await broker._server.StartAsync();
        await broker._subscriber.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("dcs-site-1").Build(), CancellationToken.None);
        await broker._subscriber.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("sl/+/+/dcs/cmd", MqttQualityOfServiceLevel.AtLeastOnce).Build(), CancellationToken.None);
        return broker;
    }

    public async ValueTask DisposeAsync()
    {
        await _subscriber.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
        _subscriber.Dispose();
        await _server.StopAsync();
        _server.Dispose();
    }
}
