using System.CommandLine;

namespace SafetyLedger.Host.Cli;

/// <summary>The <c>ledger</c> command line: verbs, parsing, and the exit-code contract (0 ok, 1 failed, 2 usage).</summary>
internal static class LedgerCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var context = new CliContext(stdout, stderr, args);
        var root = new RootCommand("Safety Ledger: verifiable industrial safety data.")
        {
            ServeCommand.Create(context),
            ProofCommands.Create(context),
            NoteCommands.Create(context),
            VerifyCommand.Create(context),
            BacktestCliCommand.Create(context),
            TrainCliCommand.Create(context),
            SimulateCommand.Create(context),
            KeysCommand.Create(context),
            EnterprisesCommand.Create(context),
            MqttCommand.Create(context),
        };

        var result = root.Parse(args);
        if (result.Errors.Count > 0)
        {
            foreach (var error in result.Errors)
            {
                await stderr.WriteLineAsync($"error: {error.Message}");
            }

            await stderr.WriteLineAsync("Run 'ledger --help' for usage.");
            return ExitCodes.Usage;
        }

        var invocation = new InvocationConfiguration { Output = stdout, Error = stderr };
        return await result.InvokeAsync(invocation, cancellationToken);
    }
}
