using System.Buffers;
using System.Net.Sockets;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Formatter;
using MQTTnet.Protocol;
using SafetyLedger.Ingestion.Pipeline;

namespace SafetyLedger.Ingestion.Transport;

/// <summary>
/// Consumes an external broker through the shared subscription <c>$share/{group}/sl/+/+/+/data</c>
/// with a persistent MQTT 5 session and manual acknowledgement: each message is processed as it
/// arrives, batched with whatever else has arrived (up to the receive maximum at once), and acknowledged in arrival order once its readings
/// are durably stored. A message that could not be stored is not acknowledged: the client reconnects
/// and the broker delivers it again.
/// </summary>
public sealed partial class ExternalBrokerConsumer(
    MessageBatcher batcher,
    DataTopics topics,
    ActiveBroker active,
    IOptions<MqttTransportOptions> options,
    TimeProvider time,
    ILogger<ExternalBrokerConsumer> logger) : BackgroundService, IMqttPublisher
{
    private readonly IMqttClient client = new MqttClientFactory().CreateMqttClient();
    private readonly CoalescingStreamProvider streams = options.Value.Tls
        ? new(options.Value.Host, new Ledger.Security.CertificateAuthorityTrust(options.Value.TlsCaFile))
        : new();
    private readonly Channel<(MqttApplicationMessageReceivedEventArgs Message, Task<IngestOutcome> Stored)> inFlight =
        Channel.CreateUnbounded<(MqttApplicationMessageReceivedEventArgs, Task<IngestOutcome>)>(new UnboundedChannelOptions { SingleReader = true });

    public bool IsConnected => client.IsConnected;

    public async Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken)
    {
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(topic)
            .WithPayload(payload.ToArray())
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        await client.PublishAsync(message, cancellationToken);
    }

    public override void Dispose()
    {
        client.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        active.Current = this;
        client.ApplicationMessageReceivedAsync += OnMessageAsync;
        var acknowledging = AcknowledgeInOrderAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (!client.IsConnected)
                {
                    await TryConnectAsync(stoppingToken);
                }

                await Task.Delay(options.Value.ReconnectDelay, time, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
        finally
        {
            inFlight.Writer.TryComplete();
            await acknowledging;
            if (client.IsConnected)
            {
                await client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
            }
        }
    }

    private async Task TryConnectAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        var builder = new MqttClientOptionsBuilder()
            .WithTcpServer(o.Host, o.Port)
            .WithStreamProvider(streams)
            .WithClientId(o.ClientId ?? $"safety-ledger-{Environment.MachineName}")
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithCleanStart(false)
            .WithSessionExpiryInterval((uint)o.SessionExpiry.TotalSeconds)
            .WithReceiveMaximum((ushort)Math.Clamp(o.MaxInFlight, 1, ushort.MaxValue));
        if (o.UserName is not null)
        {
            builder = builder.WithCredentials(o.UserName, o.Password);
        }

        try
        {
            var connected = await client.ConnectAsync(builder.Build(), cancellationToken);
            var filter = MqttTopics.SharedDataFilter(o.SharedGroup);
            await client.SubscribeAsync(
                new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build(),
                cancellationToken);
            LogConnected(o.Host, o.Port, filter, connected.IsSessionPresent);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or OperationCanceledException or InvalidOperationException && !cancellationToken.IsCancellationRequested)
        {
            LogConnectFailed(o.Host, o.Port, ex.Message);
        }
    }

    private Task OnMessageAsync(MqttApplicationMessageReceivedEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        if (!topics.TryRead(topic, out var address))
        {
            return Task.CompletedTask;
        }

        e.AutoAcknowledge = false;
        var envelope = new IngestEnvelope(IngestEnvelope.Mqtt, topic, time.GetUtcNow(), e.ApplicationMessage.Payload.ToArray(), address);
        return inFlight.Writer.WriteAsync((e, batcher.SubmitAsync(envelope)), CancellationToken.None).AsTask();
    }

    private async Task AcknowledgeInOrderAsync(CancellationToken cancellationToken)
    {
        await foreach (var (message, stored) in inFlight.Reader.ReadAllAsync(CancellationToken.None))
        {
            try
            {
                await stored;
            }
#pragma warning disable CA1031 // Whatever failed the store, the message stays unacknowledged.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                if (ex is not OperationCanceledException)
                {
                    LogStoreFailed(ex, message.ApplicationMessage.Topic);
                }

                // Not stored: leave it unacknowledged and reconnect, so the broker delivers it again.
                await DisconnectQuietlyAsync();
                continue;
            }

            // This message and every later one already stored are acknowledged together: their PUBACKs are held on the
            // connection and leave in one send.
            var held = streams.Hold();
            try
            {
                await AcknowledgeAsync(message, cancellationToken);
                while (inFlight.Reader.TryPeek(out var next) && next.Stored.IsCompletedSuccessfully && inFlight.Reader.TryRead(out next))
                {
                    await AcknowledgeAsync(next.Message, cancellationToken);
                }
            }
            finally
            {
                await SendHeldAsync(held);
            }
        }
    }

    /// <summary>Sends the held PUBACKs; a connection lost meanwhile leaves them unsent, and the broker delivers those messages again.</summary>
    private async Task SendHeldAsync(CoalescingStream.Held? held)
    {
        if (held is not { } hold)
        {
            return;
        }

        try
        {
            await hold.DisposeAsync();
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException or SocketException)
        {
            LogAckFailed(ex.Message);
        }
    }

    private async Task AcknowledgeAsync(MqttApplicationMessageReceivedEventArgs message, CancellationToken cancellationToken)
    {
        try
        {
            await message.AcknowledgeAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is MqttCommunicationException or InvalidOperationException or OperationCanceledException)
        {
            LogAckFailed(ex.Message);
        }
    }

    private async Task DisconnectQuietlyAsync()
    {
        try
        {
            if (client.IsConnected)
            {
                await client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
            }
        }
        catch (MqttCommunicationException)
        {
            // Already gone.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Consuming MQTT broker {Host}:{Port} on {Filter} (session present: {SessionPresent})")]
    private partial void LogConnected(string host, int port, string filter, bool sessionPresent);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Cannot connect to MQTT broker {Host}:{Port}: {Reason}; retrying")]
    private partial void LogConnectFailed(string host, int port, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "A message on {Topic} could not be stored; it stays unacknowledged and is delivered again")]
    private partial void LogStoreFailed(Exception exception, string? topic);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Acknowledgement failed ({Reason}); the broker delivers the message again and the duplicate is dropped")]
    private partial void LogAckFailed(string reason);
}
