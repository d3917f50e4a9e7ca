using Microsoft.Data.Sqlite;

namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>
/// Opens the project's SQLite databases the one way they are used: WAL, the configured
/// synchronous mode and a busy timeout for writers; readers open read-write (SQLite's WAL needs the
/// -shm file writable) with <c>query_only</c>, a memory map and a larger page cache.
/// </summary>
public static class SqliteConnections
{
    /// <summary>Readers map the file into memory (proofs read scattered rows; no read syscalls).</summary>
    private const long ReaderMmapBytes = 8L << 30;

    public static SqliteConnection Open(string path, SynchronousMode synchronous, bool readOnly = false)
    {
        var builder = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = readOnly ? SqliteOpenMode.ReadWrite : SqliteOpenMode.ReadWriteCreate,
            Pooling = true,
            DefaultTimeout = 30,
        };
        var connection = new SqliteConnection(builder.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        var mode = synchronous == SynchronousMode.Full ? "FULL" : "NORMAL";
        command.CommandText = readOnly
            ? $"PRAGMA busy_timeout = 30000; PRAGMA query_only = 1; PRAGMA mmap_size = {ReaderMmapBytes}; PRAGMA cache_size = -16384;"
            : $"PRAGMA journal_mode = WAL; PRAGMA synchronous = {mode}; PRAGMA busy_timeout = 30000;";
        command.ExecuteNonQuery();
        return connection;
    }
}
