using System.Buffers;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;
using SafetyLedger.RiskCore.Alerts;
using SafetyLedger.RiskCore.Fusion;
using SafetyLedger.RiskCore.Response;
using SafetyLedger.RiskCore.Tests.Support;

namespace SafetyLedger.RiskCore.Tests.Response;

public sealed class MqttDcsCommandPublisherTests
{
    [Fact]
    public async Task A_subscriber_on_the_broker_receives_the_command_that_was_ledgered_first()
    {
        var port = FreePort.Next();
        using var server = new MqttServerFactory().CreateMqttServer(new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Loopback)
            .WithDefaultEndpointPort(port)
            .Build());
        await server.StartAsync();
        var received = Channel.CreateUnbounded<(string Topic, string Payload)>();
        using var subscriber = new MqttClientFactory().CreateMqttClient();
        subscriber.ApplicationMessageReceivedAsync += e =>
        {
            received.Writer.TryWrite((e.ApplicationMessage.Topic, Encoding.UTF8.GetString(e.ApplicationMessage.Payload.ToArray())));
            return Task.CompletedTask;
        };
        await subscriber.ConnectAsync(new MqttClientOptionsBuilder().WithTcpServer("127.0.0.1", port).WithClientId("dcs-site-1").Build(), CancellationToken.None);
        await subscriber.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter("sl/+/+/dcs/cmd", MqttQualityOfServiceLevel.AtLeastOnce).Build(), CancellationToken.None);
        await using var mqtt = new MqttDcsCommandPublisher(Options.Create(new MqttDcsOptions { Port = port }), NullLogger<MqttDcsCommandPublisher>.Instance);
        await using var ledger = new AlertLedger(innerPublisher: mqtt);

        var alert = await ledger.Alerts.ObserveAsync(Some.Assessment(RiskLevel.Red, 0.97), [], CancellationToken.None);
        alert = await ledger.Responder.RespondAsync(alert!, CancellationToken.None);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var (topic, payload) = await received.Reader.ReadAsync(timeout.Token);
        Assert.Equal("sl/tenant-1/site-1/dcs/cmd", topic);
        var command = JsonSerializer.Deserialize<DcsCommand>(payload, AlertJson.Options)!;
        Assert.Equal(alert.AlertId, command.AlertId);
        Assert.Equal("isolate-area", command.Action);
        Assert.Equal(RiskLevel.Red, command.Level);
        var (_, ledgered, countAtPublish) = Assert.Single(ledger.Publisher.Published);
        Assert.NotNull(ledgered);
        Assert.Equal(AlertEventTypes.InterventionCommanded, ledgered.EventType);
        Assert.Equal(ledgered.Position, command.LedgerPosition);
        Assert.True(ledgered.Position < countAtPublish);
        await subscriber.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
        await server.StopAsync();
    }
}
