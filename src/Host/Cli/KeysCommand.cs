using System.CommandLine;
using System.Text.Json;
using SafetyLedger.Host.Administration;
using SafetyLedger.RegulatorGateway.Access;

namespace SafetyLedger.Host.Cli;

/// <summary>
/// <c>ledger keys create --data DIR --role ROLE (--tenant T | --jurisdiction CODE... | --enterprise T...) [--name TEXT]</c>
/// prints <c>{"id":"...","key":"..."}</c>; <c>ledger keys list</c> prints the keys (never their secrets) as JSON;
/// <c>ledger keys revoke ID [--reason TEXT]</c>. Through the running service when there is one, else on the store.
/// </summary>
internal static class KeysCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("keys", "Create, list and revoke API keys (ledger entries).");
        command.Subcommands.Add(CreateVerb(context));
        command.Subcommands.Add(ListVerb(context));
        command.Subcommands.Add(RevokeVerb(context));
        return command;
    }

    private static Command CreateVerb(CliContext context)
    {
        var data = AccessVerb.DataOption();
        var role = new Option<string>("--role") { Description = string.Join('|', Roles.All), Required = true };
        var tenant = new Option<string?>("--tenant") { Description = "The enterprise an enterprise role belongs to." };
        var jurisdiction = new Option<string[]>("--jurisdiction") { Description = "A regulator's region codes (a code covers its sub-regions).", AllowMultipleArgumentsPerToken = true };
        var enterprise = new Option<string[]>("--enterprise") { Description = "An auditor's assigned enterprises.", AllowMultipleArgumentsPerToken = true };
        var name = new Option<string?>("--name") { Description = "Who or what the key is for." };
        var verb = new Command("create", "Create a key; prints {\"id\",\"key\"} (the only time the key is shown).") { data, role, tenant, jurisdiction, enterprise, name };
        verb.SetAction((result, ct) => AccessVerb.RunAsync(context, result.GetValue(data), async commands =>
        {
            var request = new CreateKeyRequest(result.GetRequiredValue(role), result.GetValue(tenant), result.GetValue(jurisdiction), result.GetValue(enterprise), result.GetValue(name));
            var issued = await commands.CreateKeyAsync(request, ct);
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(issued, AdministrationJsonContext.Default.IssuedKey));
            return ExitCodes.Ok;
        }, ct));
        return verb;
    }

    private static Command ListVerb(CliContext context)
    {
        var data = AccessVerb.DataOption();
        var verb = new Command("list", "List the keys as JSON (ids, roles, scope, revocation; never the secrets).") { data };
        verb.SetAction((result, ct) => AccessVerb.RunAsync(context, result.GetValue(data), async commands =>
        {
            var keys = await commands.ListKeysAsync(ct);
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(keys.ToList(), AdministrationJsonContext.Default.ListKeyView));
            return ExitCodes.Ok;
        }, ct));
        return verb;
    }

    private static Command RevokeVerb(CliContext context)
    {
        var data = AccessVerb.DataOption();
        var id = new Argument<string>("ID") { Description = "The key's id." };
        var reason = new Option<string?>("--reason") { Description = "Why (recorded in the ledger)." };
        var verb = new Command("revoke", "Revoke a key: it stops working within seconds, without a restart.") { data, id, reason };
        verb.SetAction((result, ct) => AccessVerb.RunAsync(context, result.GetValue(data), async commands =>
        {
            var key = await commands.RevokeKeyAsync(result.GetRequiredValue(id), result.GetValue(reason), ct);
            if (key is null)
            {
                await context.Error.WriteLineAsync($"error: there is no key '{result.GetRequiredValue(id)}'.");
                return ExitCodes.Failed;
            }

            await context.Out.WriteLineAsync(JsonSerializer.Serialize(key, AdministrationJsonContext.Default.KeyView));
            return ExitCodes.Ok;
        }, ct));
        return verb;
    }
}
