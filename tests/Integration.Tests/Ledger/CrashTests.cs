using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using SafetyLedger.Integration.Tests.Support;
using SafetyLedger.Ledger.Events;
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
            var acks = 0;
            var killAfter = TimeSpan.FromMilliseconds(random.Next(150, 900));
            using var deadline = new CancellationTokenSource(killAfter + TimeSpan.FromSeconds(20));
            var started = DateTime.UtcNow;
            while (!deadline.IsCancellationRequested)
            {
                var line = await child.StandardOutput.ReadLineAsync(deadline.Token);
                Assert.True(line is not null, $"the appender died on its own: {await child.StandardError.ReadToEndAsync()}");
                var parts = line.Split(' ');
                acknowledged = Math.Max(acknowledged, long.Parse(parts[2], CultureInfo.InvariantCulture));
                acks++;
                if (DateTime.UtcNow - started >= killAfter && acks > 0)
                {
                    break;
                }
            }

            child.Kill(entireProcessTree: true); // SIGKILL
            await child.WaitForExitAsync();

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
