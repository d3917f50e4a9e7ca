namespace SafetyLedger.Ingestion.Transport;

/// <summary>Embedded: the service runs its own MQTT broker and stores in it before PUBACK. External: it consumes another broker.</summary>
public enum BrokerMode
{
    Embedded,
    External,
}
