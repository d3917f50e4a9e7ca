namespace SafetyLedger.Ingestion.Transport;

/// <summary>The default when no key directory is registered: no client is accepted (closed by default).</summary>
internal sealed class NoMqttClients : IMqttClientAuthenticator
{
    public MqttClientIdentity? Authenticate(string? keyId, string? secret) => null;

    public bool IsActive(string keyId) => false;
}
