namespace SafetyLedger.Ingestion.Transport;

/// <summary>
/// The broker connection currently in use for outgoing messages, set by the transport when it starts.
/// It breaks the cycle pipeline → dead-letter publisher → transport → pipeline.
/// </summary>
public sealed class ActiveBroker
{
    private IMqttPublisher? current;

    public IMqttPublisher? Current
    {
        get => Volatile.Read(ref current);
        set => Volatile.Write(ref current, value);
    }
}
