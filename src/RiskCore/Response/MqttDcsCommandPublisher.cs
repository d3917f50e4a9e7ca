using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MQTTnet;
using MQTTnet.Exceptions;
using MQTTnet.Protocol;
using SafetyLedger.RiskCore.Alerts;

namespace SafetyLedger.RiskCore.Response;

/// <summary>
/// Publishes DCS commands with MQTTnet (QoS 1, not retained) on <c>sl/{tenant}/{site}/dcs/cmd</c>;
/// connects on first use and reconnects when the connection dropped.
/// </summary>
public sealed partial class MqttDcsCommandPublisher(IOptions<MqttDcsOptions> options, DcsCommandSigner signer, ILogger<MqttDcsCommandPublisher> logger) : IDcsCommandPublisher, IAsyncDisposable
{
    private readonly MqttDcsOptions _options = options.Value;
    private readonly IMqttClient _client = new MqttClientFactory().CreateMqttClient();
    private readonly SemaphoreSlim _connecting = new(1, 1);

    public async Task PublishAsync(DcsCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        await EnsureConnectedAsync(cancellationToken);
        var message = new MqttApplicationMessageBuilder()
            .WithTopic(DcsCommand.Topic(command.Tenant, command.Site))
            .WithPayload(AlertJson.Serialize(signer.Sign(command)))
            .WithContentType("application/json")
            .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
            .Build();
        var result = await _client.PublishAsync(message, cancellationToken);
        if (!result.IsSuccess)
        {
            throw new IOException($"The broker refused DCS command {command.CommandId}: {result.ReasonCode} {result.ReasonString}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_client.IsConnected)
        {
            try
            {
                await _client.DisconnectAsync(new MqttClientDisconnectOptionsBuilder().Build(), CancellationToken.None);
            }
            catch (MqttCommunicationException ex)
            {
                // The broker went first (the embedded one stops before this at shutdown): nothing left to close cleanly.
                LogDisconnectFailed(ex.Message);
            }
        }

        _client.Dispose();
        _connecting.Dispose();
    }

    private async Task EnsureConnectedAsync(CancellationToken cancellationToken)
    {
        if (_client.IsConnected)
        {
            return;
        }

        await _connecting.WaitAsync(cancellationToken);
        try
        {
            if (_client.IsConnected)
            {
                return;
            }

            var builder = new MqttClientOptionsBuilder()
                .WithTcpServer(_options.Host, _options.Port)
                .WithClientId(_options.ClientId)
                .WithTimeout(_options.ConnectTimeout);
            if (_options.Username is not null)
            {
                builder = builder.WithCredentials(_options.Username, _options.Password);
            }

            if (_options.Tls)
            {
                var trust = new Ledger.Security.CertificateAuthorityTrust(_options.TlsCaFile);
                builder = builder.WithTlsOptions(new MqttClientTlsOptionsBuilder()
                    .UseTls()
                    .WithTargetHost(_options.Host)
                    .WithCertificateValidationHandler(e => trust.Validate(e.Certificate, e.SslPolicyErrors))
                    .Build());
            }

            await _client.ConnectAsync(builder.Build(), cancellationToken);
            LogConnected(_options.Host, _options.Port);
        }
        finally
        {
            _connecting.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Disconnecting from the DCS command broker failed ({Reason}); it had already gone")]
    private partial void LogDisconnectFailed(string reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Connected to the DCS command broker at {Host}:{Port}")]
    private partial void LogConnected(string host, int port);
}
