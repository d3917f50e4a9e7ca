using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SafetyLedger.Ledger.Events;

namespace SafetyLedger.RegulatorGateway.Health;

/// <summary><c>GET /healthz</c>: public, says only that the service answers and how many entries the ledger holds.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/healthz", (IEventStore events) => Results.Json(new HealthStatus("ok", events.Count), GatewayJsonContext.Default.HealthStatus))
            .AllowAnonymous()
            .WithTags("Health");
        return endpoints;
    }
}
