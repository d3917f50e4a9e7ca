using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using SafetyLedger.Ledger.Events;
using SafetyLedger.Ledger.Merkle;
using SafetyLedger.Ledger.Notes;
using SafetyLedger.Ledger.Verification;

namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>
/// Full integrity check of a SQLite ledger, reading the file directly: every entry re-hashed from its
/// stored bytes, positions and stream versions checked for gaps and moves, the Merkle tree rebuilt
/// and compared node by node with the stored one, every checkpoint's root and signatures checked.
/// </summary>
public sealed class SqliteLedgerVerifier(LedgerStorageOptions options, IReadOnlyList<NoteVerifier> verifiers, string origin)
{
    private const int ProgressEvery = 50_000;

    public VerificationReport Verify(IProgress<VerificationProgress>? progress, CancellationToken cancellationToken) =>
        File.Exists(options.DatabasePath)
            ? VerifyDatabase(progress, cancellationToken)
            : new VerificationReport(0, 0, [new VerificationFinding(null, $"No ledger database at '{options.DatabasePath}'.")]);

    private VerificationReport VerifyDatabase(IProgress<VerificationProgress>? progress, CancellationToken cancellationToken)
    {
        using var connection = SqliteSchema.Open(options, readOnly: true);
        var findings = new List<VerificationFinding>();
        foreach (var trigger in SqliteSchema.MissingTriggers(connection))
        {
            findings.Add(new VerificationFinding(null, $"Append-only trigger '{trigger}' is missing: the database was opened for rewriting."));
        }

        var total = Scalar(connection, "SELECT count(*) FROM entries");
        var checkpoints = ReadCheckpoints(connection);
        if (verifiers.Count == 0 && checkpoints.Count > 0)
        {
            findings.Add(new VerificationFinding(null, "No verifier key to check the checkpoints' signatures with (give one with --vkey)."));
        }

        var nextCheckpoint = 0;
        var frontier = new MerkleFrontier();
        using var nodes = new SqliteSequentialNodes(connection);
        using var ranges = new StreamRangeCursor(connection);
        using var entries = connection.CreateCommand();
        entries.CommandText = "SELECT position, bytes FROM entries ORDER BY position";
        using var reader = entries.ExecuteReader();
        using var scan = new EntryScan(frontier, nodes, ranges);
        long expected = 0;
        var broken = false;
        while (reader.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            var finding = scan.Check(reader, expected);
            if (finding is not null)
            {
                findings.Add(finding);
                broken = true;
                break;
            }

            expected++;
            while (nextCheckpoint < checkpoints.Count && checkpoints[nextCheckpoint].TreeSize == expected)
            {
                findings.AddRange(CheckCheckpoint(checkpoints[nextCheckpoint], frontier.Root()));
                nextCheckpoint++;
            }

            if (expected % ProgressEvery == 0)
            {
                progress?.Report(new VerificationProgress(expected, total));
            }
        }

        if (!broken)
        {
            findings.AddRange(scan.CheckTail(expected));
            findings.AddRange(checkpoints.Skip(nextCheckpoint).Select(beyond => new VerificationFinding(
                expected,
                $"Checkpoint at size {beyond.TreeSize} is beyond the {expected} entries present (entries were removed).")));
        }

        progress?.Report(new VerificationProgress(expected, total));
        return new VerificationReport(expected, nextCheckpoint, findings);
    }

    private IEnumerable<VerificationFinding> CheckCheckpoint(StoredCheckpoint checkpoint, byte[] root)
    {
        var size = checkpoint.TreeSize;
        if (!CryptographicOperations.FixedTimeEquals(root, checkpoint.Root))
        {
            yield return new VerificationFinding(size - 1, $"Checkpoint at size {size}: its stored root differs from the root rebuilt from the entries.");
        }

        if (!SignedNote.TryParse(checkpoint.Note, out var note, out var error))
        {
            yield return new VerificationFinding(size - 1, $"Checkpoint at size {size}: the signed note is malformed: {error}");
            yield break;
        }

        if (!Checkpoint.TryParse(note!.Text, out var body, out error))
        {
            yield return new VerificationFinding(size - 1, $"Checkpoint at size {size}: the checkpoint body is malformed: {error}");
            yield break;
        }

        if (body!.Origin != origin || body.Size != size || !CryptographicOperations.FixedTimeEquals(body.RootHash, root))
        {
            yield return new VerificationFinding(size - 1, $"Checkpoint at size {size}: the signed note says origin '{body.Origin}', size {body.Size}, which does not match the log at that size.");
        }

        if (verifiers.Count > 0 && !verifiers.Any(note.IsSignedBy))
        {
            yield return new VerificationFinding(size - 1, $"Checkpoint at size {size}: no valid signature by {string.Join(", ", verifiers.Select(v => v.Name))}.");
        }
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private static List<StoredCheckpoint> ReadCheckpoints(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT tree_size, root, note FROM checkpoints ORDER BY tree_size";
        using var reader = command.ExecuteReader();
        var list = new List<StoredCheckpoint>();
        while (reader.Read())
        {
            list.Add(new StoredCheckpoint(reader.GetInt64(0), (byte[])reader.GetValue(1), reader.GetString(2)));
        }

        return list;
    }

    private sealed record StoredCheckpoint(long TreeSize, byte[] Root, string Note);
}
