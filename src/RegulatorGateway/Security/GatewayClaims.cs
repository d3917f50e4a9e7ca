namespace SafetyLedger.RegulatorGateway.Security;

/// <summary>Claim types of an authenticated key (the role travels as <see cref="System.Security.Claims.ClaimTypes.Role"/>).</summary>
public static class GatewayClaims
{
    public const string KeyId = "sl:key";
    public const string Tenant = "sl:tenant";
    public const string Jurisdiction = "sl:jurisdiction";
    public const string Enterprise = "sl:enterprise";
}
