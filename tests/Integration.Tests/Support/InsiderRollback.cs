using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using SafetyLedger.Ledger.Storage;
using SafetyLedger.Ledger.Storage.Sqlite;

namespace SafetyLedger.Integration.Tests.Support;

/// <summary>
/// What an insider with file access does to hide the newest entries: a copy of a data folder cut back to its first
/// <c>size</c> entries consistently — entries, stream ranges, Merkle nodes, checkpoints and anchor records above the
/// size, and the telemetry batches sealed there — with the append-only triggers dropped and then restored, so that the
/// store verifies on its own.
/// </summary>
public static class InsiderRollback
{
    private static readonly string[] Tables = ["entries", "streams", "stream_ranges", "merkle_chunks", "checkpoints", "anchors"];

    /// <summary>Copies <paramref name="source"/> to <paramref name="target"/> and rolls the copy back to <paramref name="size"/> entries.</summary>
    public static async Task CopyRolledBackAsync(string source, string target, long size)
    {
        SqliteConnection.ClearAllPools();
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy, overwrite: true);
        }

        var storage = new LedgerStorageOptions { DataDirectory = target };
        var nodes = MerkleNodeIds.NodeCount(size);
        var drop = string.Concat(Tables.Select(t => $"DROP TRIGGER IF EXISTS {t}_no_update; DROP TRIGGER IF EXISTS {t}_no_delete;"));
        Execute(storage.DatabasePath, drop + string.Create(CultureInfo.InvariantCulture, $"""
            DELETE FROM entries WHERE position >= {size};
            DELETE FROM stream_ranges WHERE first_position >= {size};
            UPDATE stream_ranges SET count = {size} - first_position WHERE first_position + count > {size};
            DELETE FROM streams WHERE stream_no NOT IN (SELECT stream_no FROM stream_ranges);
            DELETE FROM merkle_chunks WHERE first_id >= {nodes};
            UPDATE merkle_chunks SET hashes = CAST(substr(hashes, 1, ({nodes} - first_id) * 32) AS BLOB) WHERE first_id + length(hashes) / 32 > {nodes};
            DELETE FROM checkpoints WHERE tree_size > {size};
            DELETE FROM anchors WHERE tree_size >= {size};
            """));

        var telemetry = Path.Combine(target, "telemetry.db");
        if (File.Exists(telemetry))
        {
            Execute(telemetry, string.Create(CultureInfo.InvariantCulture, $"""
                DELETE FROM readings WHERE EXISTS (SELECT 1 FROM batches b WHERE b.ledger_position >= {size}
                    AND readings.sensor_key = b.sensor_key AND readings.id BETWEEN b.first_id AND b.last_id);
                DELETE FROM batches WHERE ledger_position >= {size};
                """));
        }

        // Opening the store applies the schema, which puts the append-only triggers back.
        await using (SqliteLedgerStore.Open(storage, TimeProvider.System, NullLogger<SqliteLedgerStore>.Instance))
        {
        }

        SqliteConnection.ClearAllPools();
    }

    private static void Execute(string database, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={database};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
