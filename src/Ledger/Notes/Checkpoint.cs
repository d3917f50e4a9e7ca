using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace SafetyLedger.Ledger.Notes;

/// <summary>
/// The note text of a c2sp.org/tlog-checkpoint: origin, tree size, base64 root hash,
/// then optional non-empty extension lines, each line ending in a newline.
/// Equality compares the root hash and extensions by value.
/// </summary>
public sealed record Checkpoint(string Origin, long Size, byte[] RootHash, IReadOnlyList<string> Extensions)
{
    public const int HashLength = 32;

    public string ToNoteText()
    {
        if (FindError() is { } error)
        {
            throw new InvalidOperationException($"Invalid checkpoint: {error}.");
        }

        var builder = new StringBuilder()
            .Append(Origin).Append('\n')
            .Append(CanonicalDecimal.Format(Size)).Append('\n')
            .Append(Convert.ToBase64String(RootHash)).Append('\n');
        foreach (var extension in Extensions)
        {
            builder.Append(extension).Append('\n');
        }

        return builder.ToString();
    }

    public static Checkpoint ParseNoteText(string text) =>
        TryParse(text, out var checkpoint, out var error) ? checkpoint : throw new FormatException($"Malformed checkpoint: {error}.");

    public static bool TryParse(string text, [NotNullWhen(true)] out Checkpoint? checkpoint, out string error)
    {
        checkpoint = null;
        if (text is null || !text.EndsWith('\n'))
        {
            error = "note text does not end with a newline";
            return false;
        }

        if (NoteText.FindInvalidCharacter(text) is { } charError)
        {
            error = charError;
            return false;
        }

        var lines = text[..^1].Split('\n');
        if (lines.Length < 3)
        {
            error = "expected at least three lines: origin, size and root hash";
            return false;
        }

        if (!CanonicalDecimal.TryParse(lines[1], out var size))
        {
            error = $"tree size '{lines[1]}' is not a decimal without leading zeros";
            return false;
        }

        if (!StrictBase64.TryDecode(lines[2], out var root) || root.Length != HashLength)
        {
            error = $"root hash '{lines[2]}' is not the standard base64 of {HashLength} bytes";
            return false;
        }

        var parsed = new Checkpoint(lines[0], size, root, lines[3..]);
        if (parsed.FindError() is { } invalid)
        {
            error = invalid;
            return false;
        }

        checkpoint = parsed;
        error = string.Empty;
        return true;
    }

    public bool Equals(Checkpoint? other) =>
        other is not null
        && string.Equals(Origin, other.Origin, StringComparison.Ordinal)
        && Size == other.Size
        && RootHash.AsSpan().SequenceEqual(other.RootHash)
        && Extensions.SequenceEqual(other.Extensions, StringComparer.Ordinal);

    public override int GetHashCode() => HashCode.Combine(StringComparer.Ordinal.GetHashCode(Origin), Size);

    private string? FindError()
    {
        if (string.IsNullOrEmpty(Origin))
        {
            return "origin is empty";
        }

        if (Size < 0)
        {
            return "tree size is negative";
        }

        if (RootHash is null || RootHash.Length != HashLength)
        {
            return $"root hash must be {HashLength} bytes";
        }

        if (Extensions is null)
        {
            return "extensions are null";
        }

        foreach (var line in Extensions.Prepend(Origin))
        {
            if (line.Length == 0 || line.Contains('\n', StringComparison.Ordinal) || NoteText.FindInvalidCharacter(line) is not null)
            {
                return $"line '{line}' is empty or has a newline or control character";
            }
        }

        return null;
    }
}
