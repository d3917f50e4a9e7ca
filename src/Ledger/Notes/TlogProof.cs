using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace SafetyLedger.Ledger.Notes;

/// <summary>
/// A c2sp.org/tlog-proof@v1: header line, optional <c>extra &lt;base64&gt;</c> line,
/// <c>index N</c>, one base64 SHA-256 inclusion proof hash per line (leaf sibling first),
/// an empty line, then the signed checkpoint note verbatim.
/// Equality compares hashes and extra data by value.
/// </summary>
/// <remarks>
/// Parsing checks the format only (including that the checkpoint is a well-formed signed note
/// whose text is a checkpoint); verifying signatures and the inclusion proof is the caller's job.
/// </remarks>
public sealed record TlogProof(long Index, IReadOnlyList<byte[]> Hashes, string CheckpointNote, byte[]? Extra = null)
{
    public const string Header = "c2sp.org/tlog-proof@v1";
    private const string ExtraPrefix = "extra ";
    private const string IndexPrefix = "index ";

    public string Format()
    {
        if (FindError() is { } error)
        {
            throw new InvalidOperationException($"Invalid tlog proof: {error}.");
        }

        var builder = new StringBuilder(Header).Append('\n');
        if (Extra is not null)
        {
            builder.Append(ExtraPrefix).Append(Convert.ToBase64String(Extra)).Append('\n');
        }

        builder.Append(IndexPrefix).Append(CanonicalDecimal.Format(Index)).Append('\n');
        foreach (var hash in Hashes)
        {
            builder.Append(Convert.ToBase64String(hash)).Append('\n');
        }

        return builder.Append('\n').Append(CheckpointNote).ToString();
    }

    public static TlogProof Parse(string text) =>
        TryParse(text, out var proof, out var error) ? proof : throw new FormatException($"Malformed tlog proof: {error}.");

    public static bool TryParse(string text, [NotNullWhen(true)] out TlogProof? proof, out string error)
    {
        proof = null;
        if (text is null)
        {
            error = "proof is null";
            return false;
        }

        var lines = new LineReader(text);
        if (!string.Equals(lines.Next(), Header, StringComparison.Ordinal))
        {
            error = $"first line is not '{Header}'";
            return false;
        }

        byte[]? extra = null;
        var line = lines.Next();
        if (line is not null && line.StartsWith(ExtraPrefix, StringComparison.Ordinal))
        {
            if (!StrictBase64.TryDecode(line[ExtraPrefix.Length..], out extra) || extra.Length == 0)
            {
                error = "extra line is not 'extra ' followed by non-empty standard base64";
                return false;
            }

            line = lines.Next();
        }

        if (line is null || !line.StartsWith(IndexPrefix, StringComparison.Ordinal)
            || !CanonicalDecimal.TryParse(line[IndexPrefix.Length..], out var index))
        {
            error = "expected 'index N' with N a decimal without leading zeros";
            return false;
        }

        if (!TryReadHashes(lines, out var hashes, out error))
        {
            return false;
        }

        var parsed = new TlogProof(index, hashes, lines.Rest, extra);
        if (!parsed.TryParseCheckpoint(out error))
        {
            return false;
        }

        proof = parsed;
        return true;
    }

    public bool Equals(TlogProof? other) =>
        other is not null
        && Index == other.Index
        && string.Equals(CheckpointNote, other.CheckpointNote, StringComparison.Ordinal)
        && Hashes.Count == other.Hashes.Count
        && Hashes.Zip(other.Hashes).All(pair => pair.First.AsSpan().SequenceEqual(pair.Second))
        && (Extra is null ? other.Extra is null : other.Extra is not null && Extra.AsSpan().SequenceEqual(other.Extra));

    public override int GetHashCode() => HashCode.Combine(Index, Hashes.Count, StringComparer.Ordinal.GetHashCode(CheckpointNote));

    private static bool TryReadHashes(LineReader lines, out IReadOnlyList<byte[]> hashes, out string error)
    {
        var list = new List<byte[]>();
        hashes = list.AsReadOnly();
        string? line;
        while ((line = lines.Next()) is { Length: > 0 })
        {
            if (!StrictBase64.TryDecode(line, out var hash) || hash.Length != Checkpoint.HashLength)
            {
                error = $"proof line '{line}' is not the standard base64 of a {Checkpoint.HashLength}-byte hash";
                return false;
            }

            list.Add(hash);
        }

        error = line is null ? "no empty line before the checkpoint" : string.Empty;
        return line is not null;
    }

    private string? FindError()
    {
        if (Index < 0)
        {
            return "index is negative";
        }

        if (Extra is { Length: 0 })
        {
            return "extra data is empty (use null for none)";
        }

        if (Hashes is null || Hashes.Any(h => h is null || h.Length != Checkpoint.HashLength))
        {
            return $"every proof hash must be {Checkpoint.HashLength} bytes";
        }

        return TryParseCheckpoint(out var error) ? null : error;
    }

    private bool TryParseCheckpoint(out string error)
    {
        if (!SignedNote.TryParse(CheckpointNote, out var note, out var noteError))
        {
            error = $"checkpoint: {noteError}";
            return false;
        }

        if (!Checkpoint.TryParse(note.Text, out _, out var checkpointError))
        {
            error = $"checkpoint: {checkpointError}";
            return false;
        }

        error = string.Empty;
        return true;
    }
}
