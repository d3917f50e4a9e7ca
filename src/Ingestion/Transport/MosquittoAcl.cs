using System.Text;

namespace SafetyLedger.Ingestion.Transport;

/// <summary>
/// <see cref="MqttAccessRules"/> written as a Mosquitto ACL file, for external-broker mode: per device and DCS key the
/// same topics the embedded broker allows, and the service's own user (reads every data topic, writes commands and
/// dead letters). Mosquitto refuses everything an ACL file does not grant.
/// </summary>
public static class MosquittoAcl
{
    public static string Write(IEnumerable<MqttClientIdentity> clients, string serviceUser)
    {
        ArgumentNullException.ThrowIfNull(clients);
        var acl = new StringBuilder("# Written by `ledger mqtt config` from the ledger's keys; the same rules as the embedded broker.\n");
        acl.Append("user ").Append(serviceUser).Append('\n')
            .Append("topic read ").Append(MqttTopics.DataFilter).Append('\n')
            .Append("topic write sl/+/deadletter\n")
            .Append("topic write sl/+/+/dcs/cmd\n\n");
        foreach (var client in clients.OrderBy(c => c.KeyId, StringComparer.Ordinal))
        {
            var tenant = client.Tenant;
            acl.Append("user ").Append(client.KeyId).Append('\n');
            if (client.Role == MqttClientRole.Device)
            {
                acl.Append("topic write sl/").Append(tenant).Append("/+/+/data\n")
                    .Append("topic read sl/").Append(tenant).Append("/+/+/data\n");
            }
            else
            {
                acl.Append("topic read sl/").Append(tenant).Append("/+/dcs/cmd\n");
            }

            acl.Append("topic read ").Append(MqttTopics.DeadLetter(tenant)).Append("\n\n");
        }

        return acl.ToString();
    }
}
