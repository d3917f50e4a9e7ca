using System.CommandLine;
using System.Text.Json;
using SafetyLedger.Host.Administration;
using SafetyLedger.RegulatorGateway.Access;

namespace SafetyLedger.Host.Cli;

/// <summary><c>ledger enterprises add --id T --region CODE --name TEXT</c> and <c>ledger enterprises list</c>.</summary>
internal static class EnterprisesCommand
{
    public static Command Create(CliContext context)
    {
        var command = new Command("enterprises", "Register and list enterprises (tenants).");
        var data = AccessVerb.DataOption();
        var id = new Option<string>("--id") { Description = "The enterprise id (the tenant in topics and routes).", Required = true };
        var region = new Option<string>("--region") { Description = "Administrative region code, e.g. 320582.", Required = true };
        var name = new Option<string>("--name") { Description = "Display name.", Required = true };
        var add = new Command("add", "Register an enterprise (a ledger entry); prints it as JSON.") { data, id, region, name };
        add.SetAction((result, ct) => AccessVerb.RunAsync(context, result.GetValue(data), async commands =>
        {
            var enterprise = await commands.AddEnterpriseAsync(new RegisterEnterpriseRequest(result.GetValue(id), result.GetValue(region), result.GetValue(name)), ct);
            await context.Out.WriteLineAsync(JsonSerializer.Serialize(enterprise, AdministrationJsonContext.Default.EnterpriseRecord));
            return ExitCodes.Ok;
        }, ct));
        var listData = AccessVerb.DataOption();
        var list = new Command("list", "List the enterprises as JSON.") { listData };
        list.SetAction((result, ct) => AccessVerb.RunAsync(context, result.GetValue(listData), async commands =>
        {
            await context.Out.WriteLineAsync(JsonSerializer.Serialize((await commands.ListEnterprisesAsync(ct)).ToList(), AdministrationJsonContext.Default.ListEnterpriseRecord));
            return ExitCodes.Ok;
        }, ct));
        command.Subcommands.Add(add);
        command.Subcommands.Add(list);
        return command;
    }
}
