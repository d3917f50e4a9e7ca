namespace SafetyLedger.Host.Administration;

/// <summary>What <c>ledger keys create</c> prints: <c>{"id":"...","key":"..."}</c>, the only time the secret is shown.</summary>
internal sealed record IssuedKey(string Id, string Key);
