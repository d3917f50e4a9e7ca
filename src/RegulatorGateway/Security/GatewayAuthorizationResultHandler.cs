using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SafetyLedger.RegulatorGateway.Problems;

namespace SafetyLedger.RegulatorGateway.Security;

/// <summary>
/// Maps a refused request to its answer: out of scope → 404 (checked first, so a wrong role on another tenant's
/// route reveals nothing either), a wrong role → 403, no valid key → 401; each a ProblemDetails.
/// </summary>
public sealed class GatewayAuthorizationResultHandler(IProblemDetailsService problems) : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler fallback = new();

    public async Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(authorizeResult);
        if (authorizeResult.Forbidden && authorizeResult.AuthorizationFailure?.FailedRequirements.OfType<EnterpriseScopeRequirement>().Any() == true)
        {
            var enterprise = context.GetRouteValue(EnterpriseScopeRequirement.RouteValue) as string;
            await ProblemWriter.WriteAsync(problems, context, StatusCodes.Status404NotFound, "No such enterprise", $"There is no enterprise '{enterprise}' in the caller's scope.");
            return;
        }

        await fallback.HandleAsync(next, context, policy, authorizeResult);
    }
}
