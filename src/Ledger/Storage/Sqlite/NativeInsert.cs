using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>
/// An <c>INSERT … VALUES (?1, ?2)</c> of an integer key and a blob, prepared once on SQLite's own API and
/// re-bound per row: no parameter objects, boxing or data reader per row (the hot path of an append).
/// </summary>
internal sealed class NativeInsert : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly sqlite3_stmt statement;

    public NativeInsert(SqliteConnection connection, string sql)
    {
        this.connection = connection;
        var result = raw.sqlite3_prepare_v2(connection.Handle, sql, out statement);
        if (result != raw.SQLITE_OK)
        {
            throw Error(result);
        }
    }

    public void Execute(long key, ReadOnlySpan<byte> blob)
    {
        try
        {
            raw.sqlite3_bind_int64(statement, 1, key);
            raw.sqlite3_bind_blob(statement, 2, blob);
            var result = raw.sqlite3_step(statement);
            if (result != raw.SQLITE_DONE)
            {
                throw Error(result);
            }
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
    }

    public void Dispose() => statement.Dispose();

    private SqliteException Error(int result) =>
        new($"SQLite Error {result}: '{raw.sqlite3_errmsg(connection.Handle).utf8_to_string()}'.", result);
}
