using System.Text.Json;
using Microsoft.AspNetCore.Http;
using SafetyLedger.Ingestion.Registry;
using SafetyLedger.Ledger.Events;

namespace SafetyLedger.Ingestion.Http;

/// <summary><c>POST|GET /api/tenants/{tenant}/sensors</c>: register a sensor (a ledger entry) and list the tenant's sensors.</summary>
internal static class SensorEndpoints
{
    public static async Task<IResult> RegisterAsync(
        string tenant,
        HttpRequest request,
        ApiKeyAuthenticator authenticator,
        SensorRegistrar registrar,
        CancellationToken cancellationToken)
    {
        if (Authorise(request, authenticator, tenant) is { } problem)
        {
            return problem;
        }

        SensorRegistration? registration;
        try
        {
            registration = await JsonSerializer.DeserializeAsync(request.Body, IngestionJsonContext.Default.SensorRegistration, cancellationToken);
        }
        catch (JsonException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed registration", detail: ex.Message);
        }

        if (registration is null)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed registration", detail: "The body is empty.");
        }

        try
        {
            var (sensor, problems) = await registrar.RegisterAsync(tenant, registration, "api-key:" + tenant, cancellationToken);
            if (problems.Count > 0 || sensor is null)
            {
                return Results.ValidationProblem(
                    new Dictionary<string, string[]>(StringComparer.Ordinal) { ["sensor"] = [.. problems] },
                    title: "The registration is not acceptable");
            }

            return Results.Json(RegisteredSensorView.From(sensor), IngestionJsonContext.Default.RegisteredSensorView, statusCode: StatusCodes.Status201Created);
        }
        catch (WrongExpectedVersionException)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Already registered", detail: $"Sensor '{registration.Id}' is already registered for tenant '{tenant}'.");
        }
    }

    public static IResult List(string tenant, HttpRequest request, ApiKeyAuthenticator authenticator, ISensorRegistry registry)
    {
        if (Authorise(request, authenticator, tenant) is { } problem)
        {
            return problem;
        }

        IReadOnlyList<RegisteredSensorView> sensors = registry.List(tenant).Select(RegisteredSensorView.From).ToList();
        return Results.Json(sensors, IngestionJsonContext.Default.IReadOnlyListRegisteredSensorView);
    }

    internal static IResult? Authorise(HttpRequest request, ApiKeyAuthenticator authenticator, string tenant) =>
        authenticator.Authenticate(request) switch
        {
            null => Problems.Unauthorised(),
            var owner when !string.Equals(owner, tenant, StringComparison.Ordinal) => Problems.OtherTenant(tenant),
            _ => null,
        };
}
