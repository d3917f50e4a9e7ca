using System.Text;
using SafetyLedger.Integration.Tests.Support;

namespace SafetyLedger.Integration.Tests.Ledger;

public sealed class TamperTests
{
    [Fact]
    public async Task An_untouched_ledger_verifies()
    {
        using var ledger = await TestLedger.CreateAsync(entries: 300, checkpointEvery: 64);

        var result = await Cli.RunAsync("verify", "--data", ledger.DataDirectory);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("300 entries, 5 checkpoints", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Changing_one_byte_of_an_entry_in_the_database_file_is_caught_at_its_position()
    {
        using var ledger = await TestLedger.CreateAsync(entries: 300, checkpointEvery: 64);
        var file = await File.ReadAllBytesAsync(ledger.Storage.DatabasePath);
        var marker = Encoding.UTF8.GetBytes(TestLedger.Marker(137));
        var at = file.AsSpan().IndexOf(marker);
        Assert.True(at >= 0, "the entry's bytes were not found in the database file");
        file[at + marker.Length - 1] ^= 0x01; // entry-00137 -> entry-00136
        await File.WriteAllBytesAsync(ledger.Storage.DatabasePath, file);

        var result = await Cli.RunAsync("verify", "--data", ledger.DataDirectory);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAILED at position 137", result.Error, StringComparison.Ordinal);
        Assert.Contains("altered", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_a_row_behind_the_triggers_back_is_caught()
    {
        using var ledger = await TestLedger.CreateAsync(entries: 200, checkpointEvery: 50);
        ledger.BypassTriggersAndExecute("DELETE FROM entries WHERE position = 77;");

        var result = await Cli.RunAsync("verify", "--data", ledger.DataDirectory);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAILED at position 77", result.Error, StringComparison.Ordinal);
        Assert.Contains("missing", result.Error, StringComparison.Ordinal);
        Assert.Contains("entries_no_delete", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Renumbering_an_entry_in_the_stream_index_is_caught()
    {
        using var ledger = await TestLedger.CreateAsync(entries: 100, checkpointEvery: 25);
        ledger.BypassTriggersAndExecute("UPDATE stream_ranges SET first_version = first_version + 100 WHERE first_position = 31;");

        var result = await Cli.RunAsync("verify", "--data", ledger.DataDirectory);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAILED at position 31", result.Error, StringComparison.Ordinal);
        Assert.Contains("stream index", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_the_newest_rows_is_caught_by_the_checkpoint_beyond_them()
    {
        using var ledger = await TestLedger.CreateAsync(entries: 200, checkpointEvery: 50);
        ledger.BypassTriggersAndExecute("DELETE FROM entries WHERE position >= 190;");

        var result = await Cli.RunAsync("verify", "--data", ledger.DataDirectory);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("beyond the 190 entries", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reordering_two_entries_is_caught()
    {
        using var ledger = await TestLedger.CreateAsync(entries: 200, checkpointEvery: 50);
        ledger.BypassTriggersAndExecute("""
            UPDATE entries SET position = -1 WHERE position = 40;
            UPDATE entries SET position = 40 WHERE position = 41;
            UPDATE entries SET position = 41 WHERE position = -1;
            """);

        var result = await Cli.RunAsync("verify", "--data", ledger.DataDirectory);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAILED at position 40", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Rewriting_an_entry_and_its_stored_leaf_consistently_is_caught_by_the_tree()
    {
        using var ledger = await TestLedger.CreateAsync(entries: 100, checkpointEvery: 25);
        var forged = """{"position":12,"stream":"hazard-2","version":2,"type":"HazardReported","tenant":"tenant-a","occurredAt":"1970-01-01T00:12:00+00:00","recordedAt":"2026-01-01T00:00:00+00:00","payload":{"marker":"forged"},"metadata":{"schemaVersion":1}}""";
        var hex = Convert.ToHexString(Encoding.UTF8.GetBytes(forged));
        var leaf = Convert.ToHexString(SafetyLedger.Ledger.Merkle.MerkleHash.Leaf(Encoding.UTF8.GetBytes(forged)));
        var (id, chunk) = TestLedger.LeafLocation(12);
        ledger.BypassTriggersAndExecute($"""
            UPDATE entries SET bytes = x'{hex}' WHERE position = 12;
            UPDATE merkle_chunks SET hashes = CAST(substr(hashes, 1, ({id} - first_id) * 32) || x'{leaf}' || substr(hashes, ({id} - first_id) * 32 + 33) AS BLOB)
            WHERE first_id = {chunk};
            """);

        var result = await Cli.RunAsync("verify", "--data", ledger.DataDirectory);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAILED at position 12", result.Error, StringComparison.Ordinal);
        Assert.Contains("Merkle node", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_real_binary_exits_1_and_names_the_position()
    {
        using var ledger = await TestLedger.CreateAsync(entries: 60, checkpointEvery: 20);
        ledger.BypassTriggersAndExecute("DELETE FROM entries WHERE position = 9;");

        var result = await ChildProcess.RunLedgerAsync("verify", "--data", ledger.DataDirectory);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("FAILED at position 9", result.Error, StringComparison.Ordinal);
    }
}
