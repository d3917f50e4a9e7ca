using System.CommandLine;
using System.Text;
using System.Text.Json;
using SafetyLedger.Host.Administration;
using SafetyLedger.Ingestion.Transport;
using SafetyLedger.RegulatorGateway.Access;

namespace SafetyLedger.Host.Cli;

/// <summary>
/// <c>ledger mqtt config --data DIR --out DIR [--service-user NAME] [--service-password P]</c>: an external Mosquitto's
/// password file (<c>passwd</c>, the active device and DCS keys plus the service's own user) and ACL file (<c>acl</c>)
/// from the ledger alone, the same rules as the embedded broker. Prints the service user and password as JSON (a
/// password is generated when none is given). After a key is created or revoked, run it again and send Mosquitto SIGHUP.
/// </summary>
internal static class MqttCommand
{
    public static Command Create(CliContext context)
    {
        var data = AccessVerb.DataOption();
        var output = new Option<string>("--out") { Description = "Folder to write passwd and acl into.", Required = true };
        var user = new Option<string>("--service-user") { Description = "The service's own MQTT user.", DefaultValueFactory = _ => "safety-ledger-service" };
        var password = new Option<string?>("--service-password") { Description = "Its password (default: LEDGER_MQTT_SERVICE_PASSWORD, else a new random one)." };
        var config = new Command("config", "Write Mosquitto's password and ACL files from the ledger's keys.") { data, output, user, password };
        config.SetAction(async (result, ct) =>
        {
            var storage = HostConfiguration.Storage(HostConfiguration.Build(), result.GetValue(data));
            await using var store = await StoreAccessCommands.OpenAsync(storage, ct);
            var keys = store.Directory.Keys().Where(k => k is { IsActive: true, Tenant: not null, MqttPasswordHash: not null } && k.Role is Roles.Device or Roles.Dcs).ToList();
            var serviceUser = result.GetRequiredValue(user);
            var servicePassword = result.GetValue(password) ?? Environment.GetEnvironmentVariable("LEDGER_MQTT_SERVICE_PASSWORD") ?? ApiKeySecret.NewSecret();
            var folder = result.GetRequiredValue(output);
            Directory.CreateDirectory(folder);
            var passwd = new StringBuilder().Append(serviceUser).Append(':').Append(MosquittoPasswordHash.Compute(servicePassword)).Append('\n');
            foreach (var key in keys)
            {
                passwd.Append(key.Id).Append(':').Append(key.MqttPasswordHash).Append('\n');
            }

            PrivateFile.Write(Path.Combine(folder, "passwd"), passwd.ToString());
            var identities = keys.Select(k => new MqttClientIdentity(k.Id, k.Tenant!, k.Role == Roles.Device ? MqttClientRole.Device : MqttClientRole.Dcs));
            PrivateFile.Write(Path.Combine(folder, "acl"), MosquittoAcl.Write(identities, serviceUser));
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(new MqttServiceUser(serviceUser, servicePassword, keys.Count), AdministrationJsonContext.Default.MqttServiceUser));
            await context.Error.WriteLineAsync($"wrote {folder}/passwd and {folder}/acl for {keys.Count} device and DCS keys and the service user {serviceUser}");
            return ExitCodes.Ok;
        });
        var command = new Command("mqtt", "Configuration for an external MQTT broker.");
        command.Subcommands.Add(config);
        return command;
    }
}
