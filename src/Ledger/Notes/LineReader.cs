namespace SafetyLedger.Ledger.Notes;

/// <summary>Reads newline-terminated lines from the front of a string.</summary>
internal sealed class LineReader(string text)
{
    private int _position;

    /// <summary>Everything not yet read.</summary>
    public string Rest => text[_position..];

    /// <summary>The next line without its newline, or null if no complete line is left.</summary>
    public string? Next()
    {
        var end = text.IndexOf('\n', _position);
        if (end < 0)
        {
            return null;
        }

        var line = text[_position..end];
        _position = end + 1;
        return line;
    }
}
