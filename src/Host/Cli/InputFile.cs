namespace SafetyLedger.Host.Cli;

/// <summary>Reads a verb's input: a path, or <c>-</c> for standard input.</summary>
internal static class InputFile
{
    public static async Task<string?> ReadAsync(string path, TextWriter error, CancellationToken cancellationToken)
    {
        if (path == "-")
        {
            return await Console.In.ReadToEndAsync(cancellationToken);
        }

        if (!File.Exists(path))
        {
            await error.WriteLineAsync($"error: file '{path}' does not exist.");
            return null;
        }

        return await File.ReadAllTextAsync(path, cancellationToken);
    }
}
