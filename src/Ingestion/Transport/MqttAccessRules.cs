using SafetyLedger.Ingestion.Pipeline;
using SafetyLedger.Ingestion.Registry;

namespace SafetyLedger.Ingestion.Transport;

/// <summary>
/// The topic ACL, one rule set for the embedded broker and the generated Mosquitto ACL. A device publishes only data
/// of its own tenant (<c>sl/{tenant}/{site}/{sensor}/data</c>; readings for sites and sensors the tenant did not
/// register become dead letters) and subscribes only to its tenant's data (as stored) and dead letters; a DCS key subscribes only to its
/// tenant's commands (<c>sl/{tenant}/{site}/dcs/cmd</c>, <c>+</c> for every site) and dead letters. Nothing else:
/// no <c>#</c>, no other tenant, no shared or system topics, and only the service publishes commands.
/// </summary>
public static class MqttAccessRules
{
    /// <summary>Client ids starting with this are the service's own and cannot be taken by a client.</summary>
    public const string ReservedClientIdPrefix = "safety-ledger";

    /// <summary>Whether the client may publish on a topic naming <paramref name="address"/> (null: not a valid data topic).</summary>
    public static bool CanPublish(MqttClientIdentity client, SensorAddress? address)
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.Role == MqttClientRole.Device
            && address is not null
            && string.Equals(address.Tenant, client.Tenant, StringComparison.Ordinal);
    }

    public static bool CanSubscribe(MqttClientIdentity client, string filter)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(filter);
        if (string.Equals(filter, MqttTopics.DeadLetter(client.Tenant), StringComparison.Ordinal))
        {
            return true;
        }

        var levels = filter.Split('/');
        return client.Role switch
        {
            MqttClientRole.Dcs => levels is ["sl", var tenant, var site, "dcs", "cmd"] && Own(tenant) && IsLevel(site),
            MqttClientRole.Device => levels is ["sl", var tenant, var site, var sensor, "data"] && Own(tenant) && IsLevel(site) && IsLevel(sensor),
            _ => false,
        };

        bool Own(string tenant) => string.Equals(tenant, client.Tenant, StringComparison.Ordinal);

        static bool IsLevel(string level) => level == "+" || Identifiers.IsValid(level);
    }

    public static bool IsReservedClientId(string? clientId) =>
        clientId is not null && clientId.StartsWith(ReservedClientIdPrefix, StringComparison.OrdinalIgnoreCase);
}
