using Microsoft.Data.Sqlite;
using SafetyLedger.Ledger.Events;

namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>Reads entries by position range and by stream (through its ranges), each call on a pooled read-only connection.</summary>
internal sealed class SqliteEntryReader(LedgerStorageOptions options)
{
    public List<LedgerEntry> ReadStream(string streamId, long fromVersion, int maxCount)
    {
        using var connection = SqliteSchema.Open(options, readOnly: true);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT r.first_version, r.first_position, r.count FROM stream_ranges r
            JOIN streams s ON s.stream_no = r.stream_no
            WHERE s.stream_id = $s AND r.first_version + r.count > $v
            ORDER BY r.first_version
            """;
        command.Parameters.AddWithValue("$s", streamId);
        command.Parameters.AddWithValue("$v", fromVersion);
        var entries = new List<LedgerEntry>();
        using var reader = command.ExecuteReader();
        while (reader.Read() && entries.Count < maxCount)
        {
            var skip = Math.Max(0, fromVersion - reader.GetInt64(0));
            var first = reader.GetInt64(1) + skip;
            var take = Math.Min(reader.GetInt64(2) - skip, maxCount - entries.Count);
            entries.AddRange(ReadPositions(connection, first, first + take));
        }

        return entries;
    }

    public List<LedgerEntry> ReadPositions(long from, long to)
    {
        using var connection = SqliteSchema.Open(options, readOnly: true);
        return ReadPositions(connection, from, to);
    }

    private static List<LedgerEntry> ReadPositions(SqliteConnection connection, long from, long to)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT bytes FROM entries WHERE position >= $from AND position < $to ORDER BY position";
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$to", to);
        var entries = new List<LedgerEntry>();
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            entries.Add(EntryCodec.Decode((byte[])reader.GetValue(0)));
        }

        return entries;
    }
}
