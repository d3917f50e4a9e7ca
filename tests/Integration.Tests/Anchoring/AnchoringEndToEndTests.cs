using System.Text.Json.Nodes;
using SafetyLedger.Anvil.Testing;
using SafetyLedger.Integration.Tests.Support;

namespace SafetyLedger.Integration.Tests.Anchoring;

/// <summary>The service anchors on a real anvil node; the CLI verifies the store and auditor bundles offline and on chain.</summary>
public sealed class AnchoringEndToEndTests : IDisposable
{
    private readonly TempDirectory data = new();
    private readonly List<AnvilNode> nodes = [];

    [Fact]
    public async Task Anchored_store_and_bundles_verify_offline_and_on_chain_and_one_flipped_byte_fails_offline()
    {
        var node = await StartAnvilAsync();
        string key;
        string bundle;
        string earliestBundle;
        await using (var service = new AnchoredService(node.RpcUrl, data.Path, new Dictionary<string, string?>
        {
            ["Anchoring:Period"] = "01:00:00",
            ["Anchoring:EntryCount"] = "25",
        }))
        {
            await service.StartAsync();
            await service.AppendAsync(5);
            var first = await service.WaitForAnchorAsync(1, TimeSpan.FromSeconds(20));
            await service.AppendAsync(10);
            await service.WaitForCheckpointAsync(service.Events.Count, TimeSpan.FromSeconds(10));
            await service.AppendAsync(30);
            var later = await service.WaitForAnchorAsync(first.Record.TreeSize + 26, TimeSpan.FromSeconds(20));
            Assert.True(later.Record.TreeSize > first.Record.TreeSize);

            key = (await service.Client.GetStringAsync(new Uri("/api/v1/log/keys", UriKind.Relative))).Trim();
            bundle = await service.SaveAsync($"/api/v1/log/bundles/{first.Record.TreeSize + 3}");
            earliestBundle = await service.SaveAsync("/api/v1/log/bundles/0");
        }

        var parsed = JsonNode.Parse(await File.ReadAllTextAsync(bundle))!.AsObject();
        Assert.NotNull(parsed["anchor"]?["consistency"]);
        Assert.NotNull(parsed["anchor"]?["checkpoint"]);

        var rpc = node.RpcUrl.ToString();
        await AssertPassesAsync("verify", "--data", data.Path, "--rpc", rpc);
        await AssertPassesAsync("verify", "--bundle", bundle, "--vkey", key);
        await AssertPassesAsync("verify", "--bundle", bundle, "--vkey", key, "--rpc", rpc);
        await AssertPassesAsync("verify", "--bundle", earliestBundle, "--vkey", key, "--rpc", rpc);

        foreach (var (name, tamper) in BundleTampering.Cases)
        {
            var copy = parsed.DeepClone().AsObject();
            tamper(copy);
            var file = Path.Combine(data.Path, $"tampered-{name.Replace(' ', '-')}.json");
            await File.WriteAllTextAsync(file, copy.ToJsonString());

            var result = await Cli.RunAsync("verify", "--bundle", file, "--vkey", key);
            Assert.True(result.ExitCode == 1, $"flipped {name}: {result}");
            Assert.True(result.Error.Contains("does not verify", StringComparison.Ordinal) || result.Error.Contains("rejected", StringComparison.Ordinal), $"flipped {name}: {result}");
        }
    }

    [Fact]
    public async Task The_anchorer_catches_up_after_the_chain_was_down_and_loses_nothing()
    {
        var state = Path.Combine(data.Path, "anvil-state.json");
        var node = await StartAnvilAsync(0, "--dump-state", state);
        await using (var service = new AnchoredService(node.RpcUrl, data.Path))
        {
            await service.StartAsync();
            using var stop = new CancellationTokenSource();
            var appender = AppendUntilAsync(service, stop.Token);
            await service.WaitForAnchorAsync(1, TimeSpan.FromSeconds(20));

            await node.StopGracefullyAsync();
            var sizeWhenDown = service.Events.Count;
            await Task.Delay(TimeSpan.FromSeconds(2));
            Assert.True(service.Events.Count > sizeWhenDown + 5, "appends stalled while the chain was down");
            var anchoredWhileDown = (await service.Anchors.LatestAsync(CancellationToken.None))!.Record.TreeSize;

            node = await StartAnvilAsync(node.Port, "--load-state", state, "--dump-state", state);
            await Task.Delay(TimeSpan.FromSeconds(1));
            await stop.CancelAsync();
            await appender;
            var appended = service.Events.Count;
            var caughtUp = await service.WaitForAnchorAsync(appended, TimeSpan.FromSeconds(20));
            Assert.True(caughtUp.Record.TreeSize > anchoredWhileDown);
        }

        await AssertPassesAsync("verify", "--data", data.Path, "--rpc", node.RpcUrl.ToString());
    }

    [Fact]
    public async Task Every_anchor_the_chain_lost_in_a_reset_is_sent_again_before_the_next_one()
    {
        var state = Path.Combine(data.Path, "anvil-state.json");
        var node = await StartAnvilAsync(0, "--dump-state", state);
        await using (var service = new AnchoredService(node.RpcUrl, data.Path))
        {
            await service.StartAsync();
            await service.AppendAsync(5);
            var kept = await service.WaitForAnchorAsync(1, TimeSpan.FromSeconds(20));
            await node.StopGracefullyAsync();

            // This node's blocks are lost: it is killed without writing state, and the chain restarts from the dump.
            // It takes two anchors with it: the re-send must not stop at the last one.
            node = await StartAnvilAsync(node.Port, "--load-state", state);
            await service.AppendAsync(5);
            var firstLost = await service.WaitForAnchorAsync(service.Events.Count, TimeSpan.FromSeconds(20));
            await service.AppendAsync(5);
            var lastLost = await service.WaitForAnchorAsync(service.Events.Count, TimeSpan.FromSeconds(20));
            node.Dispose();
            node = await StartAnvilAsync(node.Port, "--load-state", state, "--dump-state", state);

            await service.AppendAsync(5);
            await service.WaitForAnchorAsync(service.Events.Count, TimeSpan.FromSeconds(20));
            var records = new Dictionary<long, int>();
            await foreach (var anchor in service.Anchors.ListAsync(CancellationToken.None))
            {
                records[anchor.Record.TreeSize] = records.GetValueOrDefault(anchor.Record.TreeSize) + 1;
            }

            // Each lost record and its re-sent one (anvil may mine the same signed transaction into an identical block);
            // the anchor the chain kept is not sent again.
            Assert.Equal(1, records[kept.Record.TreeSize]);
            Assert.Equal(2, records[firstLost.Record.TreeSize]);
            Assert.Equal(2, records[lastLost.Record.TreeSize]);
        }

        await AssertPassesAsync("verify", "--data", data.Path, "--rpc", node.RpcUrl.ToString());
    }

    public void Dispose()
    {
        foreach (var node in nodes)
        {
            node.Dispose();
        }

        data.Dispose();
    }

    private static async Task AppendUntilAsync(AnchoredService service, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            await service.AppendAsync(1);
            try
            {
                await Task.Delay(30, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private static async Task AssertPassesAsync(params string[] args)
    {
        var result = await Cli.RunAsync(args);
        Assert.True(result.ExitCode == 0, $"ledger {string.Join(' ', args)}: {result}");
    }

    private async Task<AnvilNode> StartAnvilAsync(int port = 0, params string[] arguments)
    {
        var node = await AnvilNode.StartAsync(port, arguments);
        nodes.Add(node);
        return node;
    }
}
