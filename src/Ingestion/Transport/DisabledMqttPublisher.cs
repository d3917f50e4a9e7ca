namespace SafetyLedger.Ingestion.Transport;

/// <summary>Used when MQTT is switched off: dead letters are only stored.</summary>
internal sealed class DisabledMqttPublisher : IMqttPublisher
{
    public Task PublishAsync(string topic, ReadOnlyMemory<byte> payload, CancellationToken cancellationToken) => Task.CompletedTask;
}
