using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SafetyLedger.Ingestion;
using SafetyLedger.Ingestion.Http;
using SafetyLedger.Ingestion.Registry;
using SafetyLedger.Ledger.Events;
using SafetyLedger.RegulatorGateway.Problems;
using SafetyLedger.RegulatorGateway.Security;

namespace SafetyLedger.RegulatorGateway.Sensors;

/// <summary><c>POST|GET /api/v1/enterprises/{enterprise}/sensors</c>: register a sensor (a ledger entry; a safety manager) and list them.</summary>
public static class SensorEndpoints
{
    public static IEndpointRouteBuilder MapSensorEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var sensors = endpoints.MapGroup("/api/v1/enterprises/{enterprise}/sensors").WithTags("Sensors");
        sensors.MapPost("/", RegisterAsync).RequireAuthorization(GatewayPolicies.SensorManager).WithMetadata(new RequestSizeLimit(16 * 1024));
        sensors.MapGet("/", (string enterprise, ISensorRegistry registry) =>
                Results.Json((IReadOnlyList<RegisteredSensorView>)registry.List(enterprise).Select(RegisteredSensorView.From).ToList(), IngestionJsonContext.Default.IReadOnlyListRegisteredSensorView))
            .RequireAuthorization(GatewayPolicies.EnterpriseReader);
        return endpoints;
    }

    private static async Task<IResult> RegisterAsync(string enterprise, HttpContext context, SensorRegistrar registrar, CancellationToken ct)
    {
        var (registration, problem) = await JsonBody.ReadAsync(context.Request, GatewayJsonContext.Default.SensorRegistration, ct);
        if (problem is not null)
        {
            return problem;
        }

        try
        {
            var actor = Caller.From(context.User)!.Actor;
            var (sensor, problems) = await registrar.RegisterAsync(enterprise, registration!, actor, ct);
            if (problems.Count > 0 || sensor is null)
            {
                return ApiProblems.Validation("sensor", string.Join(" ", problems));
            }

            return Results.Json(RegisteredSensorView.From(sensor), IngestionJsonContext.Default.RegisteredSensorView, statusCode: StatusCodes.Status201Created);
        }
        catch (WrongExpectedVersionException)
        {
            return ApiProblems.Conflict("Already registered", $"Sensor '{registration!.Id}' is already registered for enterprise '{enterprise}'.");
        }
    }
}
