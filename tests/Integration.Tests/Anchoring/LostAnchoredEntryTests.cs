using System.Text.Json;
using SafetyLedger.Anvil.Testing;
using SafetyLedger.Integration.Tests.Support;
using SafetyLedger.Ledger.Anchoring;
using SafetyLedger.Ledger.Checkpoints;
using SafetyLedger.Ledger.Storage;
using SafetyLedger.Ledger.Storage.Sqlite;

namespace SafetyLedger.Integration.Tests.Anchoring;

/// <summary>A crash between recording an anchor and appending its <c>Anchored</c> entry: the next start appends the entry, once.</summary>
public sealed class LostAnchoredEntryTests
{
    [Fact]
    public async Task An_anchor_recorded_without_its_Anchored_entry_gets_exactly_one_entry_at_the_next_starts()
    {
        using var data = new TempDirectory();
        using var node = await AnvilNode.StartAsync();
        var overrides = new Dictionary<string, string?> { ["Anchoring:Period"] = "01:00:00", ["Anchoring:EntryCount"] = "100000" };
        await using (var service = new AnchoredService(node.RpcUrl, data.Path, overrides))
        {
            await service.StartAsync();
            await service.AppendAsync(5);
            await service.WaitForAnchorAndEntriesAsync(1, TimeSpan.FromSeconds(20));
            await service.AppendAsync(10);
            await service.WaitForCheckpointAsync(service.Events.Count, TimeSpan.FromSeconds(10));
        }

        var lost = await AnchorAndRecordWithoutEntryAsync(node.RpcUrl, data.Path);

        for (var start = 1; start <= 2; start++)
        {
            await using var service = new AnchoredService(node.RpcUrl, data.Path, overrides);
            await service.StartAsync();
            var entries = (await service.Events.ReadStreamAsync(Anchorer.StreamId(lost.ChainId), 0, int.MaxValue, CancellationToken.None))
                .Where(e => e.EventType == Anchorer.EventType && TxHash(e.Payload) == lost.TxHash)
                .ToList();
            Assert.True(entries.Count == 1, $"start {start}: {entries.Count} Anchored entries of {lost.TxHash}");
        }

        var verify = await Cli.RunAsync("verify", "--data", data.Path, "--rpc", node.RpcUrl.ToString());
        Assert.True(verify.ExitCode == 0, verify.ToString());
    }

    private static string? TxHash(ReadOnlyMemory<byte> payload)
    {
        using var document = JsonDocument.Parse(payload);
        return document.RootElement.GetProperty("txHash").GetString();
    }

    /// <summary>What the anchorer leaves when it crashes after recording: the latest checkpoint anchored on the chain and recorded, no entry.</summary>
    private static async Task<AnchorRecord> AnchorAndRecordWithoutEntryAsync(Uri rpcUrl, string dataDirectory)
    {
        var storage = new LedgerStorageOptions { DataDirectory = dataDirectory };
        var latest = (await new SqliteCheckpointStore(storage).LatestAsync(CancellationToken.None))!;
        var contract = (await AnchorContractFile.ReadAsync(Path.Combine(dataDirectory, new AnchoringOptions().ContractFile), CancellationToken.None))!.Contract;
        var record = await TestChains.Create(rpcUrl, contract).AnchorAsync(latest.RootHash, latest.TreeSize, CancellationToken.None);
        await SignedAnchors.RecordAsync(storage, new CheckpointOptions(), record);
        return record;
    }
}
