namespace SafetyLedger.Ledger.Tests.Notes;

internal static class ParseAssert
{
    /// <summary>Both the throwing and the Try form reject <paramref name="text"/> with a message naming the problem.</summary>
    public static void Rejects<T>(Func<string, T> parse, TryParser<T> tryParse, string text, string expectedFragment)
        where T : class
    {
        var error = Assert.Throws<FormatException>(() => parse(text));
        Assert.Contains(expectedFragment, error.Message, StringComparison.Ordinal);

        Assert.False(tryParse(text, out var value, out var tryError));
        Assert.Null(value);
        Assert.Contains(expectedFragment, tryError, StringComparison.Ordinal);
    }
}
