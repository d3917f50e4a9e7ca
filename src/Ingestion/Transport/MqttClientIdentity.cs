namespace SafetyLedger.Ingestion.Transport;

/// <summary>An authenticated MQTT client: its key, the tenant the key belongs to, and what it is.</summary>
public sealed record MqttClientIdentity(string KeyId, string Tenant, MqttClientRole Role);
