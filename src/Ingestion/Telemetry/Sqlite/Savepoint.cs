using Microsoft.Data.Sqlite;

namespace SafetyLedger.Ingestion.Telemetry.Sqlite;

/// <summary>A savepoint inside the group transaction, so one failing write is undone without failing the others.</summary>
internal sealed class Savepoint : IDisposable
{
    private readonly SqliteCommand command;
    private bool done;

    public Savepoint(SqliteConnection connection, SqliteTransaction transaction)
    {
        command = connection.CreateCommand();
        command.Transaction = transaction;
        Run("SAVEPOINT work");
    }

    public void Release()
    {
        Run("RELEASE work");
        done = true;
    }

    public void Rollback()
    {
        Run("ROLLBACK TO work; RELEASE work");
        done = true;
    }

    public void Dispose()
    {
        if (!done)
        {
            Rollback();
        }

        command.Dispose();
    }

    private void Run(string sql)
    {
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
