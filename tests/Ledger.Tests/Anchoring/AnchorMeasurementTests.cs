using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace SafetyLedger.Ledger.Tests.Anchoring;

/// <summary>
/// Gas per anchor (receipt gasUsed) and time from AnchorAsync to its confirmed record on a local
/// anvil (automine, 1 confirmation). Figures go to the test output; see docs/benchmarks.md.
/// </summary>
public sealed class AnchorMeasurementTests(AnvilFixture anvil, ITestOutputHelper output) : IClassFixture<AnvilFixture>
{
    private const int Anchors = 20;
    private const long GasTarget = 50_000;

    [Fact]
    public async Task Gas_per_anchor_is_within_target_and_latency_is_reported()
    {
        var (chain, _) = await TestChains.DeployAsync(anvil.Node.RpcUrl);
        var rpc = RawSender.Create(anvil.Node.RpcUrl).Rpc;
        var gas = new List<long>();
        var millis = new List<double>();
        for (var i = 1; i <= Anchors; i++)
        {
            var stopwatch = Stopwatch.StartNew();
            var record = await chain.AnchorAsync(TestChains.RandomRoot(), i * 1000L, CancellationToken.None);
            millis.Add(stopwatch.Elapsed.TotalMilliseconds);
            var receipt = await rpc.ReceiptAsync(record.TxHash, CancellationToken.None);
            gas.Add((long)receipt!.GasUsed.Value);
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"anchors: {Anchors}, confirmations: 1, poll interval: 50 ms"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"gasUsed per anchor: min {gas.Min()}, max {gas.Max()}"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"send-to-confirmed ms: min {millis.Min():F1}, median {Median(millis):F1}, max {millis.Max():F1} (first call includes JIT/warm-up)"));
        Assert.All(gas, used => Assert.InRange(used, 21_000, GasTarget));
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted[sorted.Count / 2];
    }
}
