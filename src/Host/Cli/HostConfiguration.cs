using Microsoft.Extensions.Configuration;
using SafetyLedger.Ledger.Checkpoints;
using SafetyLedger.Ledger.Storage;

namespace SafetyLedger.Host.Cli;

/// <summary>
/// Configuration shared by every verb: appsettings.json beside the binary and in the working folder,
/// then environment variables prefixed <c>LEDGER_</c> (e.g. <c>LEDGER_Ledger__Storage__DataDirectory</c>).
/// </summary>
internal static class HostConfiguration
{
    public static IConfigurationRoot Build(string[]? commandLine = null) =>
        new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
            .AddJsonFile(Path.Combine(Directory.GetCurrentDirectory(), "appsettings.json"), optional: true)
            .AddEnvironmentVariables("LEDGER_")
            .AddCommandLine(commandLine ?? [])
            .Build();

    public static LedgerStorageOptions Storage(IConfiguration configuration, string? dataDirectory)
    {
        var options = configuration.GetSection(LedgerStorageOptions.Section).Get<LedgerStorageOptions>() ?? new LedgerStorageOptions();
        if (dataDirectory is not null)
        {
            options.DataDirectory = dataDirectory;
        }

        return options;
    }

    public static CheckpointOptions Checkpoints(IConfiguration configuration) =>
        configuration.GetSection(CheckpointOptions.Section).Get<CheckpointOptions>() ?? new CheckpointOptions();
}
