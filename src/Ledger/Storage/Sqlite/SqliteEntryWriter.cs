using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>The writer connection's prepared statements: one transaction per commit.</summary>
internal sealed class SqliteEntryWriter : IDisposable
{
    private readonly SqliteConnection connection;
    private readonly AppendTimings timings;
    private readonly NativeInsert insertEntry;
    private readonly NativeInsert insertChunk;
    private readonly NodeRowBuffer nodeRows;
    private readonly SqliteCommand insertStream;
    private readonly SqliteCommand insertRange;
    private readonly SqliteCommand streamState;

    public SqliteEntryWriter(SqliteConnection connection, AppendTimings timings)
    {
        this.connection = connection;
        this.timings = timings;
        insertEntry = new NativeInsert(connection, "INSERT INTO entries (position, bytes) VALUES (?1, ?2)");
        insertChunk = new NativeInsert(connection, "INSERT INTO merkle_chunks (first_id, hashes) VALUES (?1, ?2)");
        nodeRows = new NodeRowBuffer(insertChunk);
        insertStream = Prepare("INSERT INTO streams (stream_no, stream_id) VALUES ($1, $2)", 2);
        insertRange = Prepare("INSERT INTO stream_ranges (stream_no, first_version, first_position, count) VALUES ($1, $2, $3, $4)", 4);
        streamState = Prepare("""
            SELECT s.stream_no, coalesce((SELECT r.first_version + r.count - 1 FROM stream_ranges r
                                          WHERE r.stream_no = s.stream_no ORDER BY r.first_version DESC LIMIT 1), -1)
            FROM streams s WHERE s.stream_id = $1
            """, 1);
    }

    public long CountEntries() => Scalar("SELECT coalesce(max(position) + 1, 0) FROM entries");

    public long MaxStreamNo() => Scalar("SELECT coalesce(max(stream_no), 0) FROM streams");

    /// <summary>The stream's number and last version, or null when the stream does not exist.</summary>
    public StreamState? FindStream(string streamId)
    {
        streamState.Parameters[0].Value = streamId;
        using var reader = streamState.ExecuteReader();
        return reader.Read() ? new StreamState(reader.GetInt64(0), reader.GetInt64(1)) : null;
    }

    /// <summary>
    /// Inserts the batch atomically: new streams, the encoded entries as <paramref name="chunks"/>
    /// yields them, the stream ranges, and the Merkle nodes they completed (ids from
    /// <paramref name="firstNodeId"/> on) in rows of up to 64 hashes.
    /// </summary>
    public void Write(StagedBatch batch, long firstNodeId, IEnumerable<EncodedChunk> chunks)
    {
        var started = Stopwatch.GetTimestamp();
        using var transaction = connection.BeginTransaction();
        insertStream.Transaction = transaction;
        insertRange.Transaction = transaction;
        foreach (var (streamId, state) in batch.Streams)
        {
            if (state.IsNew)
            {
                Execute(insertStream, state.StreamNo, streamId);
            }
        }

        nodeRows.Start(firstNodeId);
        started = timings.Add(AppendPhase.Insert, started);
        foreach (var chunk in chunks)
        {
            started = Stopwatch.GetTimestamp();
            for (var i = 0; i < chunk.Count; i++)
            {
                insertEntry.Execute(chunk.FirstPosition + i, chunk.Entry(i));
            }

            nodeRows.AddRange(chunk.Nodes);
            timings.Add(AppendPhase.Insert, started);
        }

        started = Stopwatch.GetTimestamp();
        nodeRows.Flush();
        foreach (var range in batch.Ranges)
        {
            Execute(insertRange, range.StreamNo, range.FirstVersion, range.FirstPosition, range.Count);
        }

        started = timings.Add(AppendPhase.Insert, started);
        transaction.Commit();
        timings.Add(AppendPhase.Commit, started);
    }

    public void Dispose()
    {
        insertEntry.Dispose();
        insertStream.Dispose();
        insertRange.Dispose();
        insertChunk.Dispose();
        streamState.Dispose();
    }

    private static void Execute(SqliteCommand command, params object[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i];
        }

        command.ExecuteNonQuery();
    }

    private SqliteCommand Prepare(string sql, int parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        for (var i = 1; i <= parameters; i++)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = $"${i}" });
        }

        return command;
    }

    private long Scalar(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
