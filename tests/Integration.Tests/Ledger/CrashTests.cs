using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using SafetyLedger.Integration.Tests.Support;
using SafetyLedger.Ledger.Storage;
using SafetyLedger.Ledger.Storage.Sqlite;

namespace SafetyLedger.Integration.Tests.Ledger;

public sealed class CrashTests
{
    private const int Kills = 24;

    [Fact]
    public async Task Every_acknowledged_append_survives_SIGKILL_and_the_ledger_verifies()
    {
        using var data = new TempDirectory();
        var random = new Random(20261128);
        long acknowledged = -1;

        for (var round = 0; round < Kills; round++)
        {
            using var child = ChildProcess.StartDotnet("SafetyLedger.CrashAppender", data.Path);

            // Drain stdout continuously so the child never blocks on a full pipe; a printed "ack"
            // line means the append was acknowledged, and lines still in the pipe after the kill count too.
            var firstAck = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            long roundMax = -1;
            var drain = Task.Run(async () =>
            {
                while (await child.StandardOutput.ReadLineAsync() is { } line)
                {
                    roundMax = Math.Max(roundMax, long.Parse(line.Split(' ')[2], CultureInfo.InvariantCulture));
                    firstAck.TrySetResult();
                }
            });
            var stderr = child.StandardError.ReadToEndAsync();

            var acked = await Task.WhenAny(firstAck.Task, child.WaitForExitAsync(), Task.Delay(TimeSpan.FromSeconds(60)));
            Assert.True(acked == firstAck.Task, $"round {round}: the appender acknowledged nothing: {(child.HasExited ? await stderr : "still silent after 60 s")}");
            await Task.Delay(random.Next(50, 600));
            child.Kill(entireProcessTree: true); // SIGKILL
            await child.WaitForExitAsync();
            await drain;
            acknowledged = Math.Max(acknowledged, roundMax);

            await using (var store = SqliteLedgerStore.Open(new LedgerStorageOptions { DataDirectory = data.Path }, TimeProvider.System, NullLogger<SqliteLedgerStore>.Instance))
            {
                Assert.True(store.Count > acknowledged, $"round {round}: position {acknowledged} was acknowledged but the store has {store.Count} entries after the kill");
                Assert.NotNull(await store.ReadAsync(acknowledged, CancellationToken.None));
            }

            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            var verify = await Cli.RunAsync("verify", "--data", data.Path);
            Assert.True(verify.ExitCode == 0, $"round {round}: {verify}");
        }

        Assert.True(acknowledged > 100, $"only {acknowledged + 1} entries were appended in {Kills} rounds");
    }
}
