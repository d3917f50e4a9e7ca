namespace SafetyLedger.Ingestion.Transport;

/// <summary>Publishes a message through whichever broker the service uses.</summary>
public interface IMqttPublisher
{
    Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken);
}
