namespace SafetyLedger.RegulatorGateway.Tests.Security;

/// <summary>
/// How the matrix calls one route: a concrete path in <see cref="Support.GatewayService.Tenant"/>'s scope, the role that
/// may call it, a role of the same tenant that may not (null when every authenticated role may), whether another
/// tenant's key must get 404, a body for POSTs, and whether the path names a record that does not exist (so the right
/// key's answer may be a 404 of the handler).
/// </summary>
public sealed record RouteCase(string Path, string RightRole, string? WrongRole, bool Scoped, string? Body = null, bool NamesNothing = false)
{
    /// <summary>The same call for the other tenant's key: the path names that tenant's key's own scope is <see cref="Support.GatewayService.Tenant"/>.</summary>
    public string OtherTenantRole => RightRole + "@" + Support.GatewayService.OtherTenant;
}
