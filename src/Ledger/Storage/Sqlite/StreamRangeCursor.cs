using Microsoft.Data.Sqlite;

namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>Walks <c>stream_ranges</c> in position order, answering which stream and version each position should hold.</summary>
internal sealed class StreamRangeCursor : IDisposable
{
    private readonly SqliteCommand command;
    private readonly SqliteDataReader reader;
    private string streamId = string.Empty;
    private long firstVersion;
    private long firstPosition;
    private long count;

    public StreamRangeCursor(SqliteConnection connection)
    {
        command = connection.CreateCommand();
        command.CommandText = """
            SELECT s.stream_id, r.first_version, r.first_position, r.count
            FROM stream_ranges r JOIN streams s ON s.stream_no = r.stream_no
            ORDER BY r.first_position
            """;
        reader = command.ExecuteReader();
    }

    /// <summary>The indexed stream and version of <paramref name="position"/>, or null when no range covers it.</summary>
    public (string StreamId, long Version)? At(long position)
    {
        while (position >= firstPosition + count)
        {
            if (!reader.Read())
            {
                return null;
            }

            streamId = reader.GetString(0);
            firstVersion = reader.GetInt64(1);
            firstPosition = reader.GetInt64(2);
            count = reader.GetInt64(3);
        }

        return position >= firstPosition ? (streamId, firstVersion + (position - firstPosition)) : null;
    }

    /// <summary>Whether ranges remain that start at or after <paramref name="position"/>.</summary>
    public bool HasRangesFrom(long position) => firstPosition + count > position || reader.Read();

    public void Dispose()
    {
        reader.Dispose();
        command.Dispose();
    }
}
