using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Scalar.AspNetCore;
using SafetyLedger.RegulatorGateway.Admin;
using SafetyLedger.RegulatorGateway.Alerts;
using SafetyLedger.RegulatorGateway.Health;
using SafetyLedger.RegulatorGateway.Log;
using SafetyLedger.RegulatorGateway.Security;
using SafetyLedger.RegulatorGateway.Sensors;
using SafetyLedger.RegulatorGateway.Telemetry;

namespace SafetyLedger.RegulatorGateway;

/// <summary>The gateway's middleware and every HTTP route of the service.</summary>
public static class GatewayEndpointRouteBuilderExtensions
{
    /// <summary>Public routes by design (design.md, "The gateway"): everything else needs an authenticated key.</summary>
    public static IReadOnlyList<string> PublicRoutes { get; } =
    [
        "/healthz", "/api/v1/log/checkpoint", "/api/v1/log/keys", "/api/v1/log/proofs/inclusion", "/api/v1/log/proofs/consistency",
        "/openapi/v1.json", "/docs", "/docs/{documentName}",
    ];

    /// <summary>Errors as ProblemDetails, authentication, authorization, then every route.</summary>
    public static WebApplication UseGateway(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapGateway();
        return app;
    }

    public static IEndpointRouteBuilder MapGateway(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthEndpoints();
        endpoints.MapLogEndpoints();
        endpoints.MapMeEndpoints();
        endpoints.MapAdminEndpoints();
        endpoints.MapTelemetryEndpoints();
        endpoints.MapSensorEndpoints();
        endpoints.MapAlertEndpoints();
        endpoints.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        endpoints.MapScalarApiReference("/docs", o =>
        {
            o.Title = "Safety Ledger API";
            o.DefaultFonts = false;
            o.Telemetry = false;
            o.OpenApiRoutePattern = "/openapi/{documentName}.json";
        }).AllowAnonymous();
        return endpoints;
    }
}
