using System.Security.Claims;
using SafetyLedger.RegulatorGateway.Access;

namespace SafetyLedger.RegulatorGateway.Security;

/// <summary>The authenticated key behind a request: who it is, what role it has and which enterprises it may see.</summary>
public sealed record Caller(string KeyId, string Role, string? Tenant, IReadOnlyList<string> Jurisdictions, IReadOnlyList<string> Enterprises)
{
    /// <summary>The actor recorded in the metadata of every entry this caller's commands append.</summary>
    public string Actor => "key:" + KeyId;

    public static Caller? From(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        if (user.Identity?.IsAuthenticated != true || user.FindFirstValue(GatewayClaims.KeyId) is not { } id || user.FindFirstValue(ClaimTypes.Role) is not { } role)
        {
            return null;
        }

        return new Caller(
            id,
            role,
            user.FindFirstValue(GatewayClaims.Tenant),
            user.FindAll(GatewayClaims.Jurisdiction).Select(c => c.Value).ToList(),
            user.FindAll(GatewayClaims.Enterprise).Select(c => c.Value).ToList());
    }

    public static ClaimsPrincipal Principal(ApiKeyRecord key, string scheme)
    {
        ArgumentNullException.ThrowIfNull(key);
        var claims = new List<Claim>
        {
            new(GatewayClaims.KeyId, key.Id),
            new(ClaimTypes.NameIdentifier, key.Id),
            new(ClaimTypes.Name, key.Name ?? key.Id),
            new(ClaimTypes.Role, key.Role),
        };
        if (key.Tenant is not null)
        {
            claims.Add(new Claim(GatewayClaims.Tenant, key.Tenant));
        }

        claims.AddRange(key.Jurisdictions.Select(j => new Claim(GatewayClaims.Jurisdiction, j)));
        claims.AddRange(key.Enterprises.Select(e => new Claim(GatewayClaims.Enterprise, e)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, scheme, ClaimTypes.Name, ClaimTypes.Role));
    }

    /// <summary>
    /// Whether this caller may see <paramref name="enterprise"/>'s records: an enterprise key its own tenant, a
    /// regulator the enterprises registered in its jurisdictions, an auditor its assigned ones; admin none.
    /// </summary>
    public bool CanSee(string? enterprise, AccessDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (enterprise is null)
        {
            return false;
        }

        return Role switch
        {
            Roles.Regulator => directory.FindEnterprise(enterprise) is { } registered && Jurisdictions.Any(j => RegionCode.Covers(j, registered.Region)),
            Roles.Auditor => Enterprises.Contains(enterprise, StringComparer.Ordinal),
            Roles.Admin => false,
            _ => string.Equals(Tenant, enterprise, StringComparison.Ordinal),
        };
    }
}
