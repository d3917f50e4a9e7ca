using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using SafetyLedger.Ledger.Checkpoints;

namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>Checkpoints in the ledger database's append-only <c>checkpoints</c> table.</summary>
public sealed class SqliteCheckpointStore(LedgerStorageOptions options) : ICheckpointStore
{
    public async Task AddAsync(StoredCheckpoint checkpoint, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkpoint);
        using var connection = SqliteSchema.Open(options);
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO checkpoints (tree_size, root, note, issued_at) VALUES ($s, $r, $n, $t)";
        command.Parameters.AddWithValue("$s", checkpoint.TreeSize);
        command.Parameters.AddWithValue("$r", checkpoint.RootHash);
        command.Parameters.AddWithValue("$n", checkpoint.Note);
        command.Parameters.AddWithValue("$t", checkpoint.IssuedAt.ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public Task<StoredCheckpoint?> LatestAsync(CancellationToken cancellationToken) =>
        Task.FromResult(QuerySingle("SELECT tree_size, root, note, issued_at FROM checkpoints ORDER BY tree_size DESC LIMIT 1", 0));

    public Task<StoredCheckpoint?> FirstAtOrAfterAsync(long treeSize, CancellationToken cancellationToken) =>
        Task.FromResult(QuerySingle("SELECT tree_size, root, note, issued_at FROM checkpoints WHERE tree_size >= $s ORDER BY tree_size LIMIT 1", treeSize));

    public async IAsyncEnumerable<StoredCheckpoint> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var connection = SqliteSchema.Open(options, readOnly: true);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT tree_size, root, note, issued_at FROM checkpoints ORDER BY tree_size";
        using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            yield return Read(reader);
        }
    }

    private static StoredCheckpoint Read(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        (byte[])reader.GetValue(1),
        reader.GetString(2),
        DateTimeOffset.Parse(reader.GetString(3), CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));

    private StoredCheckpoint? QuerySingle(string sql, long size)
    {
        using var connection = SqliteSchema.Open(options, readOnly: true);
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$s", size);
        using var reader = command.ExecuteReader();
        return reader.Read() ? Read(reader) : null;
    }
}
