using SafetyLedger.Ingestion.Transport;
using SafetyLedger.RiskCore.Alerts;
using SafetyLedger.RiskCore.Response;

namespace SafetyLedger.Host.Serving.Wiring;

/// <summary>
/// With the embedded broker, DCS commands are injected into it as the service itself (no client connection, so no
/// client id a device could take over), signed like every command.
/// </summary>
internal sealed class EmbeddedDcsCommandPublisher(ActiveBroker broker, DcsCommandSigner signer) : IDcsCommandPublisher
{
    public async Task PublishAsync(DcsCommand command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var publisher = broker.Current ?? throw new IOException("The embedded broker is not running; the command stays pending.");
        await publisher.PublishAsync(DcsCommand.Topic(command.Tenant, command.Site), AlertJson.Serialize(signer.Sign(command)), cancellationToken);
    }
}
