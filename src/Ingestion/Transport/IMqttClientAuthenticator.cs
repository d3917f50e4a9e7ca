namespace SafetyLedger.Ingestion.Transport;

/// <summary>
/// Who an MQTT client is: its user name is a key id, its password the key. The gateway implements it over the
/// ledger's keys; without one, the embedded broker accepts no client at all.
/// </summary>
public interface IMqttClientAuthenticator
{
    /// <summary>The identity of a device or DCS key whose secret matches; null for anything else (unknown, revoked, another role).</summary>
    MqttClientIdentity? Authenticate(string? keyId, string? secret);

    /// <summary>Whether the key is still valid (checked on every publish and subscription, so a revocation takes effect at once).</summary>
    bool IsActive(string keyId);
}
