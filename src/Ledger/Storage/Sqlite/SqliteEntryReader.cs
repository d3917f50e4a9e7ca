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

    /// <summary>
    /// The category's ranges overlapping [from, to) in position order (one sort), each clipped to the
    /// bounds and read as one contiguous run of entries. The ranges statement stays open until the end,
    /// so every read runs in its one WAL read snapshot.
    /// </summary>
    public IEnumerable<LedgerEntry> ReadCategory(string streamPrefix, long from, long to)
    {
        var last = streamPrefix.Length == 0 ? '\0' : streamPrefix[^1];
        if (last is < ' ' or >= '\u007f')
        {
            throw new ArgumentException("A category prefix is non-empty and ends in a printable ASCII character.", nameof(streamPrefix));
        }

        using var connection = SqliteSchema.Open(options, readOnly: true);
        using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT r.first_position, r.count FROM streams s
            JOIN stream_ranges r ON r.stream_no = s.stream_no
            WHERE s.stream_id >= $low AND s.stream_id < $high
              AND r.first_position < $to AND r.first_position + r.count > $from
            ORDER BY r.first_position
            """;
        command.Parameters.AddWithValue("$low", streamPrefix);
        command.Parameters.AddWithValue("$high", string.Concat(streamPrefix.AsSpan(0, streamPrefix.Length - 1), [(char)(last + 1)]));
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$to", to);
        using var ranges = command.ExecuteReader();
        while (ranges.Read())
        {
            var first = Math.Max(from, ranges.GetInt64(0));
            var end = Math.Min(to, ranges.GetInt64(0) + ranges.GetInt64(1));
            foreach (var entry in ReadPositions(connection, first, end))
            {
                yield return entry;
            }
        }
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
