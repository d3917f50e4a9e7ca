namespace SafetyLedger.Host.Cli;

/// <summary>Where a verb writes: machine output to <paramref name="Out"/>, messages to <paramref name="Error"/>.</summary>
internal sealed record CliContext(TextWriter Out, TextWriter Error, string[] Args);
