using Microsoft.Data.Sqlite;

namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>Walks <c>merkle_nodes</c> in id order, which is the order a rebuild completes them.</summary>
internal sealed class SqliteSequentialNodes : IDisposable
{
    private readonly SqliteCommand command;
    private readonly SqliteDataReader reader;

    public SqliteSequentialNodes(SqliteConnection connection)
    {
        command = connection.CreateCommand();
        command.CommandText = "SELECT id, hash FROM merkle_nodes ORDER BY id";
        reader = command.ExecuteReader();
    }

    /// <summary>The stored hash for <paramref name="id"/> if the next stored row has that id, else null.</summary>
    public byte[]? Next(long id)
    {
        if (!reader.Read())
        {
            return null;
        }

        return reader.GetInt64(0) == id ? (byte[])reader.GetValue(1) : null;
    }

    public void Dispose()
    {
        reader.Dispose();
        command.Dispose();
    }
}
