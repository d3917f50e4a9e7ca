using Microsoft.AspNetCore.Authorization;
using SafetyLedger.RegulatorGateway.Access;

namespace SafetyLedger.RegulatorGateway.Security;

/// <summary>
/// The policies route groups require. Every one needs an authenticated key; the enterprise policies also need the
/// route's <c>{enterprise}</c> in the caller's scope. The fallback (an authenticated key) closes any route that
/// names no policy and is not explicitly anonymous.
/// </summary>
public static class GatewayPolicies
{
    /// <summary>Any authenticated key: the fallback policy.</summary>
    public static AuthorizationPolicy Authenticated { get; } = Base().Build();

    /// <summary>Reads an enterprise's records: its staff, and regulators and auditors whose scope covers it.</summary>
    public static AuthorizationPolicy EnterpriseReader { get; } = Enterprise(Roles.Readers);

    /// <summary>Registers an enterprise's sensors.</summary>
    public static AuthorizationPolicy SensorManager { get; } = Enterprise([Roles.SafetyManager]);

    /// <summary>Reads an enterprise's dead letters: its devices (why a reading was refused) and staff.</summary>
    public static AuthorizationPolicy DeadLetterReader { get; } = Enterprise([Roles.Device, .. Roles.EnterpriseStaff, Roles.Regulator, Roles.Auditor]);

    /// <summary>Acknowledges and resolves an enterprise's alerts.</summary>
    public static AuthorizationPolicy AlertResponder { get; } = Enterprise([Roles.Operator, Roles.SafetyManager]);

    /// <summary>Overrides an automatic intervention (cancel, confirm, change the level).</summary>
    public static AuthorizationPolicy InterventionOverride { get; } = Enterprise([Roles.SafetyManager]);

    /// <summary>Sends telemetry (the readings name the key's own tenant).</summary>
    public static AuthorizationPolicy Device { get; } = Base().RequireRole(Roles.Device).Build();

    /// <summary>Manages keys and enterprises.</summary>
    public static AuthorizationPolicy Admin { get; } = Base().RequireRole(Roles.Admin).Build();

    private static AuthorizationPolicyBuilder Base() =>
        new AuthorizationPolicyBuilder(ApiKeyDefaults.Scheme).RequireAuthenticatedUser();

    private static AuthorizationPolicy Enterprise(IReadOnlyList<string> roles) =>
        Base().AddRequirements(EnterpriseScopeRequirement.Instance).RequireRole(roles).Build();
}
