namespace SafetyLedger.Host.Serving;

/// <summary>What the command line says about serving; null means "as configured". <paramref name="Configuration"/> overrides any key.</summary>
internal sealed record ServeSettings(string? DataDirectory, string? Urls, bool? Demo, IReadOnlyDictionary<string, string?>? Configuration = null);
