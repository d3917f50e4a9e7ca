using System.Buffers;
using System.Net;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Protocol;
using MQTTnet.Server;
using SafetyLedger.Ingestion.Pipeline;

namespace SafetyLedger.Ingestion.Transport;

/// <summary>
/// The embedded MQTT broker (MQTTnet.Server). It consumes its own data topics: the publish interceptor
/// runs the payload through the pipeline, so a QoS 1 PUBACK goes out only once the readings (or the dead
/// letter) are durably stored; if storing fails the PUBACK carries an error and the message goes nowhere.
/// </summary>
public sealed partial class EmbeddedBroker(
    IngestionPipeline pipeline,
    ActiveBroker active,
    IOptions<MqttTransportOptions> options,
    TimeProvider time,
    ILogger<EmbeddedBroker> logger) : IHostedService, IMqttPublisher, IDisposable
{
    /// <summary>The sender id of messages the service itself injects (dead-letter announcements).</summary>
    public const string ServiceClientId = "safety-ledger";

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
        server.InterceptingPublishAsync += OnPublishAsync;
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

    public void Dispose() => server?.Dispose();

    private async Task OnPublishAsync(InterceptingPublishEventArgs e)
    {
        var topic = e.ApplicationMessage.Topic;
        if (string.Equals(e.ClientId, ServiceClientId, StringComparison.Ordinal) || !MqttTopics.IsDataTopic(topic))
        {
            return;
        }

        var envelope = new IngestEnvelope(IngestEnvelope.Mqtt, topic, time.GetUtcNow(), e.ApplicationMessage.Payload.ToArray(), MqttTopics.Parse(topic));
        try
        {
            var outcome = envelope.Address is null
                ? await pipeline.RefuseAsync(envelope, Rejections.InvalidTopic(topic), e.CancellationToken)
                : await pipeline.IngestAsync(envelope, e.CancellationToken);
            if (!outcome.FullyAccepted)
            {
                e.Response.ReasonString = outcome.Rejected[0].Reason;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStoreFailed(ex, topic);
            e.ProcessPublish = false;
            e.Response.ReasonCode = MqttPubAckReasonCode.ImplementationSpecificError;
            e.Response.ReasonString = "not stored; publish again";
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded MQTT broker listening on {Host}:{Port}")]
    private partial void LogStarted(string host, int port);

    [LoggerMessage(Level = LogLevel.Error, Message = "A message on {Topic} could not be stored; its PUBACK carries an error")]
    private partial void LogStoreFailed(Exception exception, string topic);
}
