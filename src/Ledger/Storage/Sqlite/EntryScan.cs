using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using SafetyLedger.Ledger.Events;
using SafetyLedger.Ledger.Merkle;
using SafetyLedger.Ledger.Verification;

namespace SafetyLedger.Ledger.Storage.Sqlite;

/// <summary>
/// The per-entry checks of a full verification: position density, entry bytes against the stored
/// leaf, the entry's own position and stream version against the stream index, stream version
/// density, and every Merkle node the entry completes against the stored one.
/// </summary>
internal sealed class EntryScan(MerkleFrontier frontier, SqliteSequentialNodes nodes, StreamRangeCursor ranges) : IDisposable
{
    private readonly Dictionary<string, long> streamVersions = new(StringComparer.Ordinal);
    private readonly MerkleHasher hasher = new();
    private readonly byte[] leaf = new byte[MerkleHash.Size];
    private readonly byte[] completed = new byte[MerkleFrontier.MaxCompletedPerAppend * MerkleHash.Size];

    public void Dispose() => hasher.Dispose();

    /// <summary>Checks the entry row <paramref name="row"/> (position, bytes), which should be entry <paramref name="expected"/>.</summary>
    public VerificationFinding? Check(SqliteDataReader row, long expected)
    {
        try
        {
            return Check(row.GetInt64(0), (byte[])row.GetValue(1), expected);
        }
        catch (Exception ex) when (ex is InvalidCastException or InvalidOperationException or SqliteException)
        {
            return new VerificationFinding(expected, $"Entry {expected} or the Merkle rows after it are unreadable ({ex.Message}): the database was edited.");
        }
    }

    private VerificationFinding? Check(long position, byte[] bytes, long expected)
    {
        if (position != expected)
        {
            return new VerificationFinding(expected, $"Entry {expected} is missing: the next stored entry is {position} (a row was deleted).");
        }

        LedgerEntry entry;
        try
        {
            entry = EntryCodec.Decode(bytes);
        }
        catch (FormatException ex)
        {
            return new VerificationFinding(position, $"Entry {position} was altered: {ex.Message}");
        }

        return CheckPlacement(position, entry) ?? CheckTree(position, bytes);
    }

    public IEnumerable<VerificationFinding> CheckTail(long size)
    {
        if (nodes.Gap is long gap)
        {
            yield return new VerificationFinding(null, $"The Merkle node table skips or repeats nodes from id {gap}.");
        }

        if (nodes.HasMore())
        {
            yield return new VerificationFinding(null, $"The Merkle node table holds nodes beyond the {MerkleNodeIds.NodeCount(size)} of a tree of {size} entries.");
        }

        if (ranges.HasRangesFrom(size))
        {
            yield return new VerificationFinding(size, $"The stream index names positions at or beyond {size}, which are missing (entries were removed).");
        }
    }

    private VerificationFinding? CheckPlacement(long position, LedgerEntry entry)
    {
        if (entry.Position != position)
        {
            return new VerificationFinding(position, $"Entry {position}: its bytes say position {entry.Position} (entries were moved or reordered).");
        }

        var indexed = ranges.At(position);
        if (indexed is not { } at || at.StreamId != entry.StreamId || at.Version != entry.StreamVersion)
        {
            return new VerificationFinding(
                position,
                $"Entry {position}: its bytes say stream '{entry.StreamId}' version {entry.StreamVersion}, but the stream index says {(indexed is { } i ? $"'{i.StreamId}' version {i.Version}" : "nothing")}.");
        }

        var previous = streamVersions.TryGetValue(entry.StreamId, out var last) ? last : -1;
        if (entry.StreamVersion != previous + 1)
        {
            return new VerificationFinding(position, $"Entry {position}: stream '{entry.StreamId}' jumps from version {previous} to {entry.StreamVersion}.");
        }

        streamVersions[entry.StreamId] = entry.StreamVersion;
        return null;
    }

    private VerificationFinding? CheckTree(long position, byte[] bytes)
    {
        var index = frontier.Size;
        hasher.Leaf(bytes, leaf);
        var count = frontier.Append(leaf, completed, hasher);
        for (var level = 0; level < count; level++)
        {
            var nodeIndex = index >> level;
            var stored = nodes.Next(MerkleNodeIds.NodeId(level, nodeIndex));
            if (stored is not null && CryptographicOperations.FixedTimeEquals(stored, completed.AsSpan(level * MerkleHash.Size, MerkleHash.Size)))
            {
                continue;
            }

            if (level == 0)
            {
                return new VerificationFinding(position, $"Entry {position}: its stored bytes do not hash to its leaf in the Merkle tree (the entry was altered).");
            }

            var first = nodeIndex << level;
            return new VerificationFinding(
                first,
                $"Merkle node (level {level}, index {nodeIndex}) over entries {first}..{position}: the stored hash {(stored is null ? "is missing" : "differs from the one rebuilt from the entries")}.");
        }

        return null;
    }
}
