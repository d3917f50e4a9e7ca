using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SafetyLedger.Ledger.Anchoring;

namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>Anchors in the ledger database's append-only <c>anchors</c> table.</summary>
public sealed class SqliteAnchorStore(LedgerStorageOptions options) : IAnchorStore
{
    private const string Columns = "tree_size, root, chain_id, contract, tx_hash, block_number, block_hash, block_time, confirmations, recorded_at, statement";

    public async Task AddAsync(StoredAnchor anchor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(anchor);
        var record = anchor.Record;
        using var connection = SqliteSchema.Open(options);
        using var command = connection.CreateCommand();
        command.CommandText = $"INSERT INTO anchors ({Columns}) VALUES ($size, $root, $chain, $contract, $tx, $block, $blockHash, $time, $confirmations, $recorded, $statement)";
        command.Parameters.AddWithValue("$size", record.TreeSize);
        command.Parameters.AddWithValue("$root", record.Root);
        command.Parameters.AddWithValue("$chain", record.ChainId);
        command.Parameters.AddWithValue("$contract", record.Contract);
        command.Parameters.AddWithValue("$tx", record.TxHash);
        command.Parameters.AddWithValue("$block", record.BlockNumber);
        command.Parameters.AddWithValue("$blockHash", (object?)record.BlockHash ?? DBNull.Value);
        command.Parameters.AddWithValue("$time", record.BlockTime.ToUnixTimeSeconds());
        command.Parameters.AddWithValue("$confirmations", anchor.Confirmations);
        command.Parameters.AddWithValue("$recorded", anchor.RecordedAt.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$statement", anchor.Statement);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<StoredAnchor?> LatestAsync(CancellationToken cancellationToken) =>
        QuerySingleAsync($"SELECT {Columns} FROM anchors ORDER BY tree_size DESC, anchor_no DESC LIMIT 1", 0, cancellationToken);

    public Task<StoredAnchor?> FirstAtOrAfterAsync(long treeSize, CancellationToken cancellationToken) =>
        QuerySingleAsync($"SELECT {Columns} FROM anchors WHERE tree_size >= $size ORDER BY tree_size, anchor_no DESC LIMIT 1", treeSize, cancellationToken);

    public async IAsyncEnumerable<StoredAnchor> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var connection = SqliteSchema.Open(options, readOnly: true);
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM anchors ORDER BY tree_size, anchor_no";
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return Read(reader);
        }
    }

    private static StoredAnchor Read(SqliteDataReader reader)
    {
        var record = new AnchorRecord(
            reader.GetInt64(2),
            reader.GetString(3),
            reader.GetString(4),
            reader.GetInt64(5),
            DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(7)),
            (byte[])reader.GetValue(1),
            reader.GetInt64(0))
        {
            BlockHash = reader.IsDBNull(6) ? null : reader.GetString(6),
        };
        return new StoredAnchor(
            record,
            reader.GetInt64(8),
            DateTimeOffset.Parse(reader.GetString(9), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
            reader.GetString(10));
    }

    private async Task<StoredAnchor?> QuerySingleAsync(string sql, long size, CancellationToken cancellationToken)
    {
        using var connection = SqliteSchema.Open(options, readOnly: true);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$size", size);
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken) ? Read(reader) : null;
    }
}
