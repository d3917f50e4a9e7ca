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
    IMqttClientAuthenticator authenticator,
    IngestionPipeline pipeline,
    IOptions<MqttTransportOptions> options,
    TimeProvider time,
    ILogger<EmbeddedBroker> logger) : IHostedService, IMqttPublisher, IDisposable
{
    /// <summary>The sender id of messages the service itself injects (dead-letter announcements).</summary>
    public const string ServiceClientId = "safety-ledger";

    private const string IdentityItem = "sl:identity";
    private const string RefusedFilterPrefix = "_refused/";

    private readonly ConcurrentDictionary<Task, bool> storing = new();
    private readonly ConcurrentDictionary<string, string> clientKeys = new(StringComparer.Ordinal);
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
        server.ValidatingConnectionAsync += OnValidatingAsync;
        server.ClientConnectedAsync += OnConnectedAsync;
        server.ClientDisconnectedAsync += OnDisconnectedAsync;
        server.InterceptingSubscriptionAsync += OnSubscribingAsync;
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

    /// <summary>
    /// Every client authenticates with a device or DCS key (user name = key id, password = key); anonymous clients,
    /// other roles, the service's own client ids, and a client id in use by another key are refused.
    /// </summary>
    private Task OnValidatingAsync(ValidatingConnectionEventArgs e)
    {
        if (MqttAccessRules.IsReservedClientId(e.ClientId))
        {
            e.ReasonCode = MqttConnectReasonCode.ClientIdentifierNotValid;
            LogRefusedConnection(e.ClientId, "reserved client id");
            return Task.CompletedTask;
        }

        if (authenticator.Authenticate(e.UserName, e.Password) is not { } identity)
        {
            e.ReasonCode = string.IsNullOrEmpty(e.UserName) ? MqttConnectReasonCode.NotAuthorized : MqttConnectReasonCode.BadUserNameOrPassword;
            LogRefusedConnection(e.ClientId, string.IsNullOrEmpty(e.UserName) ? "anonymous" : "unknown, revoked or non-MQTT key");
            return Task.CompletedTask;
        }

        if (clientKeys.TryGetValue(e.ClientId, out var holder) && !string.Equals(holder, identity.KeyId, StringComparison.Ordinal))
        {
            e.ReasonCode = MqttConnectReasonCode.ClientIdentifierNotValid;
            LogRefusedConnection(e.ClientId, "client id connected with another key");
            return Task.CompletedTask;
        }

        e.SessionItems[IdentityItem] = identity;
        return Task.CompletedTask;
    }

    private Task OnSubscribingAsync(InterceptingSubscriptionEventArgs e)
    {
        var filter = e.TopicFilter.Topic;
        if (Identity(e.SessionItems) is { } identity && authenticator.IsActive(identity.KeyId) && MqttAccessRules.CanSubscribe(identity, filter))
        {
            return Task.CompletedTask;
        }

        e.ProcessSubscription = false;
        e.Response.ReasonCode = MqttSubscribeReasonCode.NotAuthorized;
        e.ReasonString = "not authorised for this topic filter";
        LogRefusedSubscription(e.ClientId, filter);
        return Task.CompletedTask;
    }

    private Task OnDisconnectedAsync(ClientDisconnectedEventArgs e)
    {
        if (Identity(e.SessionItems) is { } identity)
        {
            clientKeys.TryRemove(new KeyValuePair<string, string>(e.ClientId, identity.KeyId));
        }

        return Task.CompletedTask;
    }

    private static MqttClientIdentity? Identity(System.Collections.IDictionary? items) => items?[IdentityItem] as MqttClientIdentity;

    private Task OnConnectedAsync(ClientConnectedEventArgs e)
    {
        if (Identity(e.SessionItems) is { } identity)
        {
            clientKeys[e.ClientId] = identity.KeyId;
        }

        PublisherAcks.Of(e.SessionItems).IsV5 = e.ProtocolVersion == MqttProtocolVersion.V500;
        return Task.CompletedTask;
    }

    private static Task OnInboundAsync(InterceptingPacketEventArgs e)
    {
        if (e.Packet is MqttSubscribePacket subscribe)
        {
            // MQTTnet grants $share/… and other $-filters without asking the subscription interceptor: rename them
            // so that the interceptor sees (and refuses) them like any filter outside the ACL.
            foreach (var filter in subscribe.TopicFilters.Where(f => f.Topic.StartsWith('$')))
            {
                filter.Topic = RefusedFilterPrefix + filter.Topic;
            }
        }

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

        if (string.Equals(e.ClientId, ServiceClientId, StringComparison.Ordinal))
        {
            return;
        }

        var identity = Identity(e.SessionItems);
        topics.TryRead(topic, out var address);
        if (identity is null || !authenticator.IsActive(identity.KeyId) || !MqttAccessRules.CanPublish(identity, address))
        {
            e.ProcessPublish = false;
            e.Response.ReasonCode = MqttPubAckReasonCode.NotAuthorized;
            e.Response.ReasonString = "not authorised to publish on this topic";
            await RefuseAsync(identity, topic, e.ApplicationMessage.Payload.ToArray());
            return;
        }

        var envelope = new IngestEnvelope(IngestEnvelope.Mqtt, topic, time.GetUtcNow(), e.ApplicationMessage.Payload.ToArray(), address, identity.Tenant);
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

    /// <summary>A publish the ACL refused becomes a dead letter of the publishing key's tenant, with the reason.</summary>
    private async Task RefuseAsync(MqttClientIdentity? identity, string topic, byte[] payload)
    {
        LogRefusedPublish(identity?.KeyId, topic);
        if (identity is null)
        {
            return;
        }

        var envelope = new IngestEnvelope(IngestEnvelope.Mqtt, topic, time.GetUtcNow(), payload, null, identity.Tenant);
        var detail = identity.Role == MqttClientRole.Device
            ? $"key {identity.KeyId} publishes only sl/{identity.Tenant}/{{site}}/{{sensor}}/data; not '{topic}'"
            : $"key {identity.KeyId} ({identity.Role}) may not publish; not '{topic}'";
        try
        {
            await pipeline.RefuseAsync(envelope, new Rejection(RejectionReasons.NotAuthorised, detail), stopping.Token);
        }
        catch (Exception ex) when (ex is IOException or OperationCanceledException or InvalidOperationException)
        {
            LogStoreFailed(ex, topic);
        }
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

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT connection of client {ClientId} refused: {Reason}")]
    private partial void LogRefusedConnection(string clientId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT subscription of client {ClientId} to {Filter} refused")]
    private partial void LogRefusedSubscription(string clientId, string filter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT publish of key {KeyId} on {Topic} refused")]
    private partial void LogRefusedPublish(string? keyId, string topic);

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded MQTT broker listening on {Host}:{Port}")]
    private partial void LogStarted(string host, int port);

    [LoggerMessage(Level = LogLevel.Error, Message = "A message on {Topic} could not be stored; its PUBACK carries an error")]
    private partial void LogStoreFailed(Exception exception, string? topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "A stored message on {Topic} could not be forwarded to subscribers")]
    private partial void LogForwardFailed(Exception exception, string? topic);
}
