namespace SafetyLedger.RegulatorGateway.Access;

/// <summary>
/// A key as the ledger recorded it: its id, what it may do (role and scope), and the SHA-256 of its secret
/// (the secret itself is never stored). <see cref="RevokedAt"/> is set once a revocation is recorded.
/// </summary>
public sealed record ApiKeyRecord(
    string Id,
    string Role,
    string? Tenant,
    IReadOnlyList<string> Jurisdictions,
    IReadOnlyList<string> Enterprises,
    string? Name,
    string SecretSha256,
    DateTimeOffset CreatedAt,
    long Position,
    DateTimeOffset? RevokedAt = null,
    string? MqttPasswordHash = null)
{
    public bool IsActive => RevokedAt is null;
}
