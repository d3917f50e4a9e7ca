using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SafetyLedger.Anvil.Testing;
using SafetyLedger.Integration.Tests.Support;
using SafetyLedger.Ledger.Anchoring;
using SafetyLedger.Ledger.Checkpoints;
using SafetyLedger.Ledger.Proofs;
using SafetyLedger.Ledger.Notes;
using Xunit.Abstractions;

namespace SafetyLedger.Integration.Tests.Anchoring;

/// <summary>
/// Figures for docs/benchmarks.md on a local anvil (automine, 1 confirmation, 50 ms receipt polling): time from a
/// signed checkpoint to its confirmed, recorded anchor (the anchorer's whole step: chain, store, Anchored entry),
/// and auditor bundle verification offline and with --rpc.
/// </summary>
public sealed class AnchoringMeasurementTests(ITestOutputHelper output) : IDisposable
{
    private const int Rounds = 20;

    private readonly TempDirectory data = new();

    [Fact]
    public async Task Checkpoint_to_confirmed_anchor_and_bundle_verification_times_are_reported()
    {
        using var node = await AnvilNode.StartAsync();
        await using var service = new AnchoredService(node.RpcUrl, data.Path, new Dictionary<string, string?>
        {
            // The background loops run once at start and then sleep: this test drives checkpoints and anchors itself.
            ["Ledger:Checkpoints:Period"] = "01:00:00",
            ["Anchoring:PollInterval"] = "01:00:00",
            ["Anchoring:Period"] = "00:00:00",
        });
        await service.StartAsync();
        var issuer = service.Services.GetRequiredService<CheckpointIssuer>();
        var anchorer = service.Services.GetServices<IHostedService>().OfType<Anchorer>().Single();
        var anchorMillis = new List<double>();
        for (var round = 0; round < Rounds; round++)
        {
            await service.AppendAsync(5);
            var checkpoint = await issuer.IssueIfGrownAsync(CancellationToken.None);
            Assert.NotNull(checkpoint);
            var stopwatch = Stopwatch.StartNew();
            var anchor = await anchorer.RunOnceAsync(CancellationToken.None);
            anchorMillis.Add(stopwatch.Elapsed.TotalMilliseconds);

            // The service's own first pass may have anchored the first checkpoint just before.
            anchor ??= await service.Anchors.LatestAsync(CancellationToken.None);
            Assert.Equal(checkpoint.TreeSize, anchor?.Record.TreeSize);
        }

        var appendMillis = await TimeAsync(Rounds, async () =>
        {
            await service.AppendAsync(1);
            return new CliResult(0, string.Empty, string.Empty);
        });
        await issuer.IssueIfGrownAsync(CancellationToken.None);
        var key = (await service.Client.GetStringAsync(new Uri("/api/v1/log/keys", UriKind.Relative))).Trim();
        var bundle = await service.SaveAsync("/api/v1/log/bundles/7");
        Assert.True(AuditorBundle.TryParse(await File.ReadAllTextAsync(bundle), out var parsed, out _));
        var verifier = NoteVerifier.Parse(key);

        var offlineMicros = Time(200, () => Assert.True(BundleVerifier.Verify(parsed!, verifier).Valid));
        var cliOfflineMillis = await TimeAsync(Rounds, () => Cli.RunAsync("verify", "--bundle", bundle, "--vkey", key));
        var cliRpcMillis = await TimeAsync(Rounds, () => Cli.RunAsync("verify", "--bundle", bundle, "--vkey", key, "--rpc", node.RpcUrl.ToString()));

        output.WriteLine(Invariant($"checkpoint -> confirmed anchor recorded (Anchorer.RunOnceAsync), {Rounds} anchors, ms: {Summary(anchorMillis)}"));
        output.WriteLine(Invariant($"for comparison, one durable append (fsync), {Rounds} runs, ms: {Summary(appendMillis)}"));
        output.WriteLine(Invariant($"bundle verification offline (BundleVerifier.Verify, 200 runs), us: {Summary(offlineMicros)}"));
        output.WriteLine(Invariant($"ledger verify --bundle (in process, {Rounds} runs), ms: {Summary(cliOfflineMillis)}"));
        output.WriteLine(Invariant($"ledger verify --bundle --rpc (in process, {Rounds} runs), ms: {Summary(cliRpcMillis)}"));
    }

    public void Dispose() => data.Dispose();

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Summary(List<double> values)
    {
        var sorted = values.Order().ToList();
        return Invariant($"min {sorted[0]:F2}, median {sorted[sorted.Count / 2]:F2}, max {sorted[^1]:F2}");
    }

    private static List<double> Time(int runs, Action action)
    {
        var micros = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            action();
            micros.Add(stopwatch.Elapsed.TotalMicroseconds);
        }

        return micros;
    }

    private static async Task<List<double>> TimeAsync(int runs, Func<Task<CliResult>> run)
    {
        var millis = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            var result = await run();
            millis.Add(stopwatch.Elapsed.TotalMilliseconds);
            Assert.True(result.ExitCode == 0, result.ToString());
        }

        return millis;
    }
}
