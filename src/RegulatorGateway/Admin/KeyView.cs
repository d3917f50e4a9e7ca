using SafetyLedger.RegulatorGateway.Access;

namespace SafetyLedger.RegulatorGateway.Admin;

/// <summary>A key as the admin API lists it: never its secret, nor the secret's hash.</summary>
public sealed record KeyView(
    string Id,
    string Role,
    string? Tenant,
    IReadOnlyList<string> Jurisdictions,
    IReadOnlyList<string> Enterprises,
    string? Name,
    DateTimeOffset CreatedAt,
    DateTimeOffset? RevokedAt,
    long LedgerPosition)
{
    public static KeyView From(ApiKeyRecord key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return new(key.Id, key.Role, key.Tenant, key.Jurisdictions, key.Enterprises, key.Name, key.CreatedAt, key.RevokedAt, key.Position);
    }
}
