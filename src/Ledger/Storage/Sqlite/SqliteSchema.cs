using Microsoft.Data.Sqlite;

namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>
/// The SQLite layout (see docs/architecture.md). <c>entries</c> holds each entry's canonical bytes
/// under its global position and nothing else; <c>stream_ranges</c> maps each append's run of
/// stream versions to its run of positions; <c>merkle_chunks</c> holds every complete Merkle node
/// (leaves included) in post-order, up to 64 consecutive 32-byte hashes per row; <c>checkpoints</c> the
/// signed checkpoints and <c>anchors</c> their anchors on chains. Triggers make
/// every table append-only.
/// </summary>
internal static class SqliteSchema
{
    public const int Version = 2;

    public const int MaxNodesPerChunk = 64;

    public static readonly string[] AppendOnlyTables = ["entries", "streams", "stream_ranges", "merkle_chunks", "checkpoints", "anchors"];

    private const string Ddl = """
        CREATE TABLE IF NOT EXISTS entries (
            position INTEGER PRIMARY KEY,
            bytes    BLOB NOT NULL
        );
        CREATE TABLE IF NOT EXISTS streams (
            stream_no INTEGER PRIMARY KEY,
            stream_id TEXT NOT NULL UNIQUE
        );
        CREATE TABLE IF NOT EXISTS stream_ranges (
            stream_no      INTEGER NOT NULL,
            first_version  INTEGER NOT NULL,
            first_position INTEGER NOT NULL,
            count          INTEGER NOT NULL,
            PRIMARY KEY (stream_no, first_version)
        ) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS merkle_chunks (
            first_id INTEGER PRIMARY KEY,
            hashes   BLOB NOT NULL
        );
        CREATE TABLE IF NOT EXISTS checkpoints (
            tree_size INTEGER PRIMARY KEY,
            root      BLOB    NOT NULL,
            note      TEXT    NOT NULL,
            issued_at TEXT    NOT NULL
        );
        CREATE TABLE IF NOT EXISTS anchors (
            anchor_no     INTEGER PRIMARY KEY,
            tree_size     INTEGER NOT NULL,
            root          BLOB    NOT NULL,
            chain_id      INTEGER NOT NULL,
            contract      TEXT    NOT NULL,
            tx_hash       TEXT    NOT NULL,
            block_number  INTEGER NOT NULL,
            block_hash    TEXT,
            block_time    INTEGER NOT NULL,
            confirmations INTEGER NOT NULL,
            recorded_at   TEXT    NOT NULL,
            statement     TEXT    NOT NULL
        );
        CREATE INDEX IF NOT EXISTS anchors_by_size ON anchors (tree_size, anchor_no);
        """;

    public static void Apply(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction();
        using (var command = connection.CreateCommand())
        {
            command.Transaction = transaction;
            command.CommandText = "PRAGMA user_version";
            var existing = Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            if (existing != 0 && existing != Version)
            {
                throw new InvalidOperationException($"The ledger database has schema version {existing}; this build reads version {Version}.");
            }

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

    public static SqliteConnection Open(LedgerStorageOptions options, bool readOnly = false) =>
        SqliteConnections.Open(options.DatabasePath, options.Synchronous, readOnly);
}
