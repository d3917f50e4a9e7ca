using System.Text;
using System.Threading.Channels;
using MQTTnet;
using MQTTnet.Formatter;
using MQTTnet.Protocol;

namespace SafetyLedger.RegulatorGateway.Tests.Support;

/// <summary>A real MQTT 5 client for the ACL tests: connects with a key (or none), publishes QoS 1, subscribes and collects.</summary>
public sealed class MqttProbe : IAsyncDisposable
{
    private readonly IMqttClient client = new MqttClientFactory().CreateMqttClient();
    private readonly Channel<(string Topic, byte[] Payload)> received = Channel.CreateUnbounded<(string, byte[])>();

    private MqttProbe()
    {
        client.ApplicationMessageReceivedAsync += e =>
        {
            received.Writer.TryWrite((e.ApplicationMessage.Topic, System.Buffers.BuffersExtensions.ToArray(e.ApplicationMessage.Payload)));
            return Task.CompletedTask;
        };
    }

    /// <summary>Connects; returns the probe and the broker's answer (a refused connection yields a probe that is not connected).</summary>
    public static async Task<(MqttProbe Probe, MqttClientConnectResultCode Code)> ConnectAsync(int port, TestKey? key, string? clientId = null, string? password = null, string? tlsCaFile = null)
    {
        var probe = new MqttProbe();
        var options = new MqttClientOptionsBuilder()
            .WithTcpServer("127.0.0.1", port)
            .WithClientId(clientId ?? "probe-" + Guid.NewGuid().ToString("N")[..8])
            .WithProtocolVersion(MqttProtocolVersion.V500)
            .WithTimeout(TimeSpan.FromSeconds(10));
        if (key is not null)
        {
            options = options.WithCredentials(key.Id, password ?? key.Key);
        }

        if (tlsCaFile is not null)
        {
            var trust = new SafetyLedger.Ledger.Security.CertificateAuthorityTrust(tlsCaFile);
            options = options.WithTlsOptions(new MqttClientTlsOptionsBuilder().UseTls().WithTargetHost("127.0.0.1")
                .WithCertificateValidationHandler(e => trust.Validate(e.Certificate, e.SslPolicyErrors)).Build());
        }

        try
        {
            var result = await probe.client.ConnectAsync(options.Build(), CancellationToken.None);
            return (probe, result.ResultCode);
        }
        catch (MQTTnet.Exceptions.MqttCommunicationException)
        {
            // A refused CONNECT surfaces as an exception; which reason does not matter to the ACL tests.
            return (probe, MqttClientConnectResultCode.UnspecifiedError);
        }
    }

    public async Task<MqttClientPublishReasonCode> PublishAsync(string topic, string payload)
    {
        var message = new MqttApplicationMessageBuilder().WithTopic(topic).WithPayload(Encoding.UTF8.GetBytes(payload)).WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce).Build();
        return (await client.PublishAsync(message, CancellationToken.None)).ReasonCode;
    }

    public async Task<MqttClientSubscribeResultCode> SubscribeAsync(string filter)
    {
        var result = await client.SubscribeAsync(new MqttClientSubscribeOptionsBuilder().WithTopicFilter(filter, MqttQualityOfServiceLevel.AtLeastOnce).Build(), CancellationToken.None);
        return result.Items.First().ResultCode;
    }

    public async Task<(string Topic, byte[] Payload)> NextAsync(TimeSpan timeout)
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
