using Microsoft.Data.Sqlite;

namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>
/// The SQLite layout. Entries keep their canonical bytes and leaf hash; internal Merkle nodes are
/// rows keyed by <see cref="MerkleNodeIds"/>; triggers make every table append-only.
/// </summary>
internal static class SqliteSchema
{
    public const int Version = 1;

    public static readonly string[] AppendOnlyTables = ["entries", "merkle_nodes", "checkpoints"];

    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS entries (
            position       INTEGER PRIMARY KEY,
            stream_id      TEXT    NOT NULL,
            stream_version INTEGER NOT NULL,
            event_type     TEXT    NOT NULL,
            tenant         TEXT    NOT NULL,
            bytes          BLOB    NOT NULL,
            leaf_hash      BLOB    NOT NULL
        );
        CREATE UNIQUE INDEX IF NOT EXISTS entries_by_stream ON entries (stream_id, stream_version);
        CREATE TABLE IF NOT EXISTS merkle_nodes (
            id   INTEGER PRIMARY KEY,
            hash BLOB NOT NULL
        );
        CREATE TABLE IF NOT EXISTS checkpoints (
            tree_size INTEGER PRIMARY KEY,
            root      BLOB    NOT NULL,
            note      TEXT    NOT NULL,
            issued_at TEXT    NOT NULL
        );
        """;

    public static void Apply(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = Ddl;
            command.ExecuteNonQuery();
            foreach (var table in AppendOnlyTables)
            {
                command.CommandText = $"""
                    CREATE TRIGGER IF NOT EXISTS {table}_no_update BEFORE UPDATE ON {table}
                    BEGIN SELECT RAISE(ABORT, 'ledger table {table} is append-only: UPDATE refused'); END;
                    CREATE TRIGGER IF NOT EXISTS {table}_no_delete BEFORE DELETE ON {table}
                    BEGIN SELECT RAISE(ABORT, 'ledger table {table} is append-only: DELETE refused'); END;
                    """;
                command.ExecuteNonQuery();
            }

            command.CommandText = $"PRAGMA user_version = {Version};";
            command.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>Names of append-only triggers that are missing (someone bypassed them).</summary>
    public static IReadOnlyList<string> MissingTriggers(SqliteConnection connection)
    {
        var present = new HashSet<string>(StringComparer.Ordinal);
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'trigger'";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            present.Add(reader.GetString(0));
        }

        return AppendOnlyTables
            .SelectMany(t => new[] { $"{t}_no_update", $"{t}_no_delete" })
            .Where(name => !present.Contains(name))
            .ToList();
    }

    public static SqliteConnection Open(LedgerStorageOptions options, bool readOnly = false)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            // Readers open read-write (no create) with query_only: SQLite's WAL needs the -shm file writable.
            Mode = readOnly ? SqliteOpenMode.ReadWrite : SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        var synchronous = options.Synchronous == SynchronousMode.Full ? "FULL" : "NORMAL";
        command.CommandText = readOnly
            ? "PRAGMA busy_timeout = 30000; PRAGMA query_only = 1;"
            : $"PRAGMA journal_mode = WAL; PRAGMA synchronous = {synchronous}; PRAGMA busy_timeout = 30000;";
        command.ExecuteNonQuery();
        return connection;
    }
}
