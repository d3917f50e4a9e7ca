using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace SafetyLedger.RegulatorGateway.Security;

/// <summary><c>GET /api/v1/me</c>: who the presented key is (id, role, scope), so a client can check a key without side effects.</summary>
public static class MeEndpoints
{
    public static IEndpointRouteBuilder MapMeEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/v1/me", (HttpContext context) => Caller.From(context.User) is { } caller
                ? Results.Json(caller, GatewayJsonContext.Default.Caller)
                : Results.Unauthorized())
            .RequireAuthorization(GatewayPolicies.Authenticated)
            .WithTags("Security");
        return endpoints;
    }
}
