using SafetyLedger.Ingestion.Transport;
using SafetyLedger.RegulatorGateway.Access;

namespace SafetyLedger.RegulatorGateway.Security;

/// <summary>MQTT clients authenticate with a <c>device</c> or <c>dcs</c> key: user name = key id, password = key.</summary>
internal sealed class MqttKeyAuthenticator(AccessDirectory directory) : IMqttClientAuthenticator
{
    public MqttClientIdentity? Authenticate(string? keyId, string? secret)
    {
        if (string.IsNullOrEmpty(keyId) || string.IsNullOrEmpty(secret) || secret.Length > 256)
        {
            return null;
        }

        var key = directory.FindByIdAndSecret(keyId, secret);
        if (key is not { IsActive: true, Tenant: { } tenant })
        {
            return null;
        }

        return key.Role switch
        {
            Roles.Device => new MqttClientIdentity(key.Id, tenant, MqttClientRole.Device),
            Roles.Dcs => new MqttClientIdentity(key.Id, tenant, MqttClientRole.Dcs),
            _ => null,
        };
    }

    public bool IsActive(string keyId) => directory.Find(keyId)?.IsActive == true;
}
