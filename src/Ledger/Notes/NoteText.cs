using System.Text;

namespace SafetyLedger.Ledger.Notes;

/// <summary>Character rules shared by signed notes, key names and checkpoint texts.</summary>
internal static class NoteText
{
    /// <summary>
    /// Returns null when <paramref name="text"/> encodes to valid UTF-8 and has no ASCII
    /// control characters other than newline; otherwise a description of the first problem.
    /// </summary>
    public static string? FindInvalidCharacter(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
                continue;
            }

            if (char.IsSurrogate(c))
            {
                return $"unpaired surrogate at offset {i} (not valid UTF-8)";
            }

            if (c < '\u0020' && c != '\n')
            {
                return $"control character U+{(int)c:X4} at offset {i}";
            }
        }

        return null;
    }

    /// <summary>
    /// Returns null when <paramref name="name"/> is a valid key name: non-empty, valid UTF-8,
    /// no '+', no Unicode white space and no control characters.
    /// </summary>
    public static string? FindInvalidKeyName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "key name is empty";
        }

        if (FindInvalidCharacter(name) is not null)
        {
            return "key name is not valid UTF-8 text or contains a control character";
        }

        foreach (var rune in name.EnumerateRunes())
        {
            if (rune.Value == '+')
            {
                return $"key name '{name}' contains '+'";
            }

            if (Rune.IsWhiteSpace(rune) || Rune.IsControl(rune))
            {
                return $"key name '{name}' contains white space or a control character";
            }
        }

        return null;
    }
}
