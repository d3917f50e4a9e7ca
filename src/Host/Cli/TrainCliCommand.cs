using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using SafetyLedger.Ledger.Storage.Sqlite;
using SafetyLedger.RiskCore.Streaming;
using SafetyLedger.RiskCore.Training;

namespace SafetyLedger.Host.Cli;

/// <summary><c>ledger train --tenant T --readings FILE [--out DIR] [--version V] [--data DIR]</c>: fit and ledger a model.</summary>
internal static class TrainCliCommand
{
    public static Command Create(CliContext context)
    {
        var tenant = new Option<string?>("--tenant") { Description = "Tenant whose model is trained." };
        var readings = new Option<string?>("--readings") { Description = "Readings CSV to train on (normal operation plus labelled alerts)." };
        var output = new Option<string>("--out") { Description = "Folder for the model file.", DefaultValueFactory = _ => "models" };
        var version = new Option<string?>("--version") { Description = "Model version (default: derived from time)." };
        var data = new Option<string?>("--data") { Description = "Ledger data folder (default: configured, ./data)." };
        var command = new Command("train", "Fit the risk models and ledger the model file's SHA-256.") { tenant, readings, output, version, data };
        command.SetAction(async (result, ct) =>
        {
            var storage = HostConfiguration.Storage(HostConfiguration.Build(), result.GetValue(data));
            await using var store = SqliteLedgerStore.Open(storage, TimeProvider.System, NullLogger<SqliteLedgerStore>.Instance);
            var trainer = new TrainCommand(store, TimeProvider.System, new RiskEngineOptions(), new TrainingOptions());
            var request = new TrainRequest(result.GetValue(tenant), result.GetValue(readings), result.GetValue(output)!, result.GetValue(version));
            return await trainer.RunAsync(request, context.Out, context.Error, ct);
        });
        return command;
    }
}
