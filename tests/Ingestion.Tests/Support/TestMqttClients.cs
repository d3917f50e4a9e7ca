using SafetyLedger.Ingestion.Transport;

namespace SafetyLedger.Ingestion.Tests.Support;

/// <summary>The MQTT keys of the ingestion tests: a device and a DCS key of <see cref="Some.Tenant"/>, a device of another tenant.</summary>
public sealed class TestMqttClients : IMqttClientAuthenticator
{
    public const string DeviceKeyId = "test-device";
    public const string DeviceKey = "test-device-secret";
    public const string OtherDeviceKeyId = "other-device";
    public const string OtherDeviceKey = "other-device-secret";
    public const string DcsKeyId = "test-dcs";
    public const string DcsKey = "test-dcs-secret";

    private readonly HashSet<string> revoked = new(StringComparer.Ordinal);

    public void Revoke(string keyId)
    {
        lock (revoked)
        {
            revoked.Add(keyId);
        }
    }

    public MqttClientIdentity? Authenticate(string? keyId, string? secret)
    {
        MqttClientIdentity? identity = (keyId, secret) switch
        {
            (DeviceKeyId, DeviceKey) => new MqttClientIdentity(DeviceKeyId, Some.Tenant, MqttClientRole.Device),
            (OtherDeviceKeyId, OtherDeviceKey) => new MqttClientIdentity(OtherDeviceKeyId, "other-co", MqttClientRole.Device),
            (DcsKeyId, DcsKey) => new MqttClientIdentity(DcsKeyId, Some.Tenant, MqttClientRole.Dcs),
            _ => null,
        };
        return identity is not null && IsActive(identity.KeyId) ? identity : null;
    }

    public bool IsActive(string keyId)
    {
        lock (revoked)
        {
            return !revoked.Contains(keyId);
        }
    }
}
