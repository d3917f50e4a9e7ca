using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using SafetyLedger.Ingestion.Http;

namespace SafetyLedger.Ingestion;

/// <summary>The HTTP API of ingestion; every route needs a tenant's <c>X-Api-Key</c>.</summary>
public static class IngestionEndpoints
{
    /// <summary>
    /// <c>POST /api/telemetry</c>, <c>POST|GET /api/tenants/{tenant}/sensors</c>,
    /// <c>GET /api/tenants/{tenant}/deadletters</c>, <c>GET /api/tenants/{tenant}/quality</c>.
    /// </summary>
    public static IEndpointRouteBuilder MapIngestionEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapPost("/api/telemetry", TelemetryEndpoint.PostAsync);
        var tenant = endpoints.MapGroup("/api/tenants/{tenant}");
        tenant.MapPost("/sensors", SensorEndpoints.RegisterAsync);
        tenant.MapGet("/sensors", SensorEndpoints.List);
        tenant.MapGet("/deadletters", TenantReadEndpoints.DeadLettersAsync);
        tenant.MapGet("/quality", TenantReadEndpoints.QualityAsync);
        return endpoints;
    }
}
