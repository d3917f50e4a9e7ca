namespace SafetyLedger.RiskCore.Response;

/// <summary>
/// An Ed25519 signature over a command's canonical bytes (<see cref="DcsCommandSigning.CanonicalBytes"/>) by the key
/// <see cref="KeyName"/> with note key hash <see cref="KeyHash"/> (8 hex digits), as listed at <c>/api/v1/log/keys</c>.
/// </summary>
public sealed record DcsSignature(string KeyName, string KeyHash, string Value);
