using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SafetyLedger.RegulatorGateway.Access;

namespace SafetyLedger.RegulatorGateway.Security;

/// <summary>
/// The route's <c>{enterprise}</c> is inside the caller's scope. Checked before the handler runs (so before any
/// query); a failure answers 404, as if the enterprise did not exist, so scope never reveals another tenant's ids.
/// </summary>
public sealed class EnterpriseScopeRequirement : IAuthorizationRequirement
{
    public const string RouteValue = "enterprise";

    public static EnterpriseScopeRequirement Instance { get; } = new();
}

/// <summary>Checks <see cref="EnterpriseScopeRequirement"/> against the directory.</summary>
public sealed class EnterpriseScopeHandler(AccessDirectory directory) : AuthorizationHandler<EnterpriseScopeRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, EnterpriseScopeRequirement requirement)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Resource is HttpContext http
            && Caller.From(context.User) is { } caller
            && caller.CanSee(http.GetRouteValue(EnterpriseScopeRequirement.RouteValue) as string, directory))
        {
            context.Succeed(requirement);
        }

        return Task.CompletedTask;
    }
}
