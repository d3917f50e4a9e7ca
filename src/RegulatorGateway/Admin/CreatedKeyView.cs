namespace SafetyLedger.RegulatorGateway.Admin;

/// <summary>The answer to creating a key: its id and secret (the only time the secret is shown) and the key as listed.</summary>
public sealed record CreatedKeyView(string Id, string Key, KeyView Details);
