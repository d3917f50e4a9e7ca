using System.Buffers;
using System.Collections.Concurrent;
using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Packets;
using MQTTnet.Protocol;
using MQTTnet.Server;
using SafetyLedger.Ingestion.Pipeline;

namespace SafetyLedger.Ingestion.Transport;

/// <summary>
/// The embedded MQTT broker (MQTTnet.Server). It consumes its own data topics: the publish interceptor
/// runs the payload through the pipeline, and a QoS 1 PUBACK goes out only once the readings (or the dead
/// letter) are durably stored; if storing fails the PUBACK carries an error (MQTT 5) or is not sent (MQTT 3)
/// and the message goes nowhere. MQTTnet handles one client's packets one at a time, so a QoS 1 publish is
/// not stored inside the interceptor: it is handed to the <see cref="MessageBatcher"/> there (up to
/// <see cref="MqttTransportOptions.MaxInFlight"/> per client at once, so they share commits), the outbound interceptor holds its PUBACK until the store has
/// finished, and the message is forwarded to subscribers once stored.
/// </summary>
public sealed partial class EmbeddedBroker(
    MessageBatcher batcher,
    DataTopics topics,
    ActiveBroker active,
    IOptions<MqttTransportOptions> options,
    TimeProvider time,
    ILogger<EmbeddedBroker> logger) : IHostedService, IMqttPublisher, IDisposable
{
    /// <summary>The sender id of messages the service itself injects (dead-letter announcements).</summary>
    public const string ServiceClientId = "safety-ledger";

    private readonly ConcurrentDictionary<Task, bool> storing = new();
    private readonly CancellationTokenSource stopping = new();
    private MqttServer? server;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var serverOptions = new MqttServerOptionsBuilder()
            .WithDefaultEndpoint()
            .WithDefaultEndpointBoundIPAddress(IPAddress.Parse(o.Host))
            .WithDefaultEndpointBoundIPV6Address(IPAddress.None)
            .WithDefaultEndpointPort(o.Port)
            .Build();
        server = new MqttServerFactory().CreateMqttServer(serverOptions);
        server.ClientConnectedAsync += OnConnectedAsync;
        server.InterceptingInboundPacketAsync += OnInboundAsync;
        server.InterceptingPublishAsync += OnPublishAsync;
        server.InterceptingOutboundPacketAsync += OnOutboundAsync;
        await server.StartAsync();
        active.Current = this;
        LogStarted(o.Host, o.Port);
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (server is not null)
        {
            await server.StopAsync();
        }

        // Stores under way are abandoned: nothing was acknowledged for them, so their senders publish again.
        await stopping.CancelAsync();
        await Task.WhenAll(storing.Keys);
    }

    public async Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        if (server is null)
        {
            return;
        }

        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload.ToArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = ServiceClientId }, cancellationToken);
    }

    public void Dispose()
    {
        server?.Dispose();
        stopping.Dispose();
    }

    private static Task OnConnectedAsync(ClientConnectedEventArgs e)
    {
        PublisherAcks.Of(e.SessionItems).IsV5 = e.ProtocolVersion == MqttProtocolVersion.V500;
        return Task.CompletedTask;
    }

    private static Task OnInboundAsync(InterceptingPacketEventArgs e)
    {
        if (e.Packet is MqttPublishPacket { QualityOfServiceLevel: MqttQualityOfServiceLevel.AtLeastOnce } publish)
        {
            PublisherAcks.Of(e.SessionItems).Current = publish.PacketIdentifier;
        }

        return Task.CompletedTask;
    }

    private async Task OnPublishAsync(InterceptingPublishEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        var acks = PublisherAcks.Find(e.SessionItems);
        var packetId = acks?.Current ?? 0;
        if (acks is not null)
        {
            acks.Current = 0;
        }

        if (string.Equals(e.ClientId, ServiceClientId, StringComparison.Ordinal) || !topics.TryRead(topic, out var address))
        {
            return;
        }

        var envelope = new IngestEnvelope(IngestEnvelope.Mqtt, topic, time.GetUtcNow(), e.ApplicationMessage.Payload.ToArray(), address);
        if (acks is not null && packetId != 0 && e.ApplicationMessage.QualityOfServiceLevel == MqttQualityOfServiceLevel.AtLeastOnce)
        {
            // Stored in the background; the PUBACK waits in OnOutboundAsync, and the message is forwarded once stored.
            await acks.WaitForRoomAsync(Math.Max(1, options.Value.MaxInFlight));
            e.ProcessPublish = false;
            var store = StoreAndForwardAsync(envelope, e.ApplicationMessage);
            acks.Add(packetId, store);
            storing.TryAdd(store, true);
            _ = store.ContinueWith(t => storing.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return;
        }

        var outcome = await StoreAsync(envelope);
        if (!outcome.Stored)
        {
            e.ProcessPublish = false;
            e.Response.ReasonCode = MqttPubAckReasonCode.ImplementationSpecificError;
        }

        e.Response.ReasonString = outcome.ReasonString;
    }

    /// <summary>Holds a QoS 1 PUBACK until its message is stored; sends an error (MQTT 5) or nothing (MQTT 3) if it was not.</summary>
    private static async Task OnOutboundAsync(InterceptingPacketEventArgs e)
    {
        if (e.Packet is not MqttPubAckPacket puback || PublisherAcks.Find(e.SessionItems) is not { } acks || !acks.Pending.TryRemove(puback.PacketIdentifier, out var store))
        {
            return;
        }

        var outcome = await store;
        puback.ReasonString = outcome.ReasonString;
        if (!outcome.Stored)
        {
            puback.ReasonCode = MqttPubAckReasonCode.ImplementationSpecificError;
            e.ProcessPacket = acks.IsV5;
        }
    }

    private async Task<PubAckOutcome> StoreAndForwardAsync(IngestEnvelope envelope, MqttApplicationMessage message)
    {
        var outcome = await StoreAsync(envelope);
        if (outcome.Stored && server is not null)
        {
            try
            {
                await server.InjectApplicationMessage(new InjectedMqttApplicationMessage(message) { SenderClientId = ServiceClientId }, CancellationToken.None);
            }
            catch (Exception ex) when (ex is InvalidOperationException or ObjectDisposedException)
            {
                LogForwardFailed(ex, envelope.Topic);
            }
        }

        return outcome;
    }

    /// <summary>Stores the message, batched with whatever else arrives meanwhile (validated off the client's receive loop).</summary>
    private async Task<PubAckOutcome> StoreAsync(IngestEnvelope envelope)
    {
        try
        {
            var outcome = await batcher.SubmitAsync(envelope);
            return new PubAckOutcome(true, outcome.FullyAccepted ? null : outcome.Rejected[0].Reason);
        }
        catch (OperationCanceledException)
        {
            return new PubAckOutcome(false, "shutting down; publish again");
        }
#pragma warning disable CA1031 // Whatever failed the store, the PUBACK says so and the sender publishes again.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogStoreFailed(ex, envelope.Topic);
            return new PubAckOutcome(false, "not stored; publish again");
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded MQTT broker listening on {Host}:{Port}")]
    private partial void LogStarted(string host, int port);

    [LoggerMessage(Level = LogLevel.Error, Message = "A message on {Topic} could not be stored; its PUBACK carries an error")]
    private partial void LogStoreFailed(Exception exception, string? topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A stored message on {Topic} could not be forwarded to subscribers")]
    private partial void LogForwardFailed(Exception exception, string? topic);
}
