using System.CommandLine;
using SafetyLedger.Host.Administration;
using SafetyLedger.RegulatorGateway.Access;

namespace SafetyLedger.Host.Cli;

/// <summary>What the key and enterprise verbs share: the data folder option, and the exit codes of a refused command.</summary>
internal static class AccessVerb
{
    public static Option<string?> DataOption() => new("--data") { Description = "Data folder (default ./data)." };

    public static async Task<int> RunAsync(CliContext context, string? data, Func<IAccessCommands, Task<int>> run, CancellationToken ct)
    {
        var storage = HostConfiguration.Storage(HostConfiguration.Build(), data);
        try
        {
            await using var commands = await AccessCommands.OpenAsync(storage, ct);
            return await run(commands);
        }
        catch (AccessValidationException ex)
        {
            foreach (var (field, messages) in ex.Errors)
            {
                await context.Error.WriteLineAsync($"rejected: {(field.Length > 0 ? field + ": " : string.Empty)}{string.Join(" ", messages)}");
            }

            return ExitCodes.Failed;
        }
        catch (Exception ex) when (ex is HttpRequestException or InvalidOperationException or IOException or Microsoft.Data.Sqlite.SqliteException)
        {
            await context.Error.WriteLineAsync($"error: {ex.Message}");
            return ExitCodes.Failed;
        }
    }
}
