using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SafetyLedger.Ledger.Events;
using SafetyLedger.RiskCore.Alerts.Projection;
using SafetyLedger.RiskCore.Fusion;
using SafetyLedger.RiskCore.Response;

namespace SafetyLedger.RiskCore.Alerts.Http;

/// <summary>
/// The alert API. Lists come from the read table; a single alert and every command go to the
/// ledger. Commands carry the version the caller saw: 409 when the alert moved on or the transition
/// is not allowed, 404 when there is no such alert, 400 for a malformed body. Errors are ProblemDetails.
/// </summary>
public static class AlertEndpoints
{
    public static IEndpointRouteBuilder MapAlertEndpoints(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var alerts = endpoints.MapGroup("/api/alerts/{tenant}").WithTags("Alerts");
        alerts.MapGet("/", ListAsync);
        alerts.MapGet("/{id}", GetAsync);
        alerts.MapPost("/{id}/acknowledge", AcknowledgeAsync);
        alerts.MapPost("/{id}/resolve", ResolveAsync);
        alerts.MapPost("/{id}/override", OverrideAsync);
        return endpoints;
    }

    private static async Task<IResult> ListAsync(string tenant, string? site, string? state, IAlertReadStore table, CancellationToken ct)
    {
        AlertState? filter = null;
        if (state is not null)
        {
            if (!TryParse<AlertState>(state, out var parsed))
            {
                return BadRequest($"Unknown state '{state}'; use raised, acknowledged or resolved.");
            }

            filter = parsed;
        }

        return Json(await table.QueryAsync(new AlertQuery(tenant, site, filter), ct));
    }

    private static async Task<IResult> GetAsync(string tenant, string id, AlertService alerts, CancellationToken ct) =>
        await alerts.GetAsync(tenant, id, ct) is { } alert ? Json(alert) : NotFound(tenant, id);

    private static Task<IResult> AcknowledgeAsync(string tenant, string id, AcknowledgeBody body, AlertService alerts, CancellationToken ct) =>
        string.IsNullOrWhiteSpace(body.Actor)
            ? Task.FromResult(BadRequest("An actor (operator id) is required."))
            : RunAsync(tenant, id, () => alerts.AcknowledgeAsync(new AcknowledgeAlert(tenant, id, body.ExpectedVersion, body.Actor, body.Comment), ct));

    private static Task<IResult> ResolveAsync(string tenant, string id, ResolveBody body, AlertService alerts, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Actor) || !TryParse<AlertLabel>(body.Label, out var label))
        {
            return Task.FromResult(BadRequest("An actor and a label (true-alarm, false-alarm or maintenance) are required."));
        }

        return RunAsync(tenant, id, () => alerts.ResolveAsync(new ResolveAlert(tenant, id, body.ExpectedVersion, body.Actor, label, body.Comment), ct));
    }

    private static Task<IResult> OverrideAsync(string tenant, string id, OverrideBody body, TieredResponder responder, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(body.Actor) || string.IsNullOrWhiteSpace(body.Reason) || !TryParse<OverrideAction>(body.Action, out var action))
        {
            return Task.FromResult(BadRequest("An actor, a reason and an action (cancel-intervention, confirm-intervention or change-level) are required."));
        }

        RiskLevel? level = null;
        if (body.Level is not null)
        {
            if (!TryParse<RiskLevel>(body.Level, out var parsed))
            {
                return Task.FromResult(BadRequest($"Unknown level '{body.Level}'; use blue, yellow, orange or red."));
            }

            level = parsed;
        }

        return RunAsync(tenant, id, () => responder.OverrideAsync(new OverrideAlert(tenant, id, body.ExpectedVersion, body.Actor, action, level, body.Reason), ct));
    }

    private static async Task<IResult> RunAsync(string tenant, string id, Func<Task<Alert>> command)
    {
        try
        {
            return Json(await command());
        }
        catch (AlertNotFoundException)
        {
            return NotFound(tenant, id);
        }
        catch (WrongExpectedVersionException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "The alert has changed", detail: $"{ex.Message} Read the alert again and retry with its version.");
        }
        catch (AlertTransitionException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Transition not allowed", detail: ex.Message);
        }
    }

    private static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        try
        {
            value = JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(text), AlertJson.Options);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static IResult Json<T>(T value) => Results.Json(value, AlertJson.Options);

    private static IResult NotFound(string tenant, string id) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such alert", detail: $"Tenant '{tenant}' has no alert '{id}'.");

    private static IResult BadRequest(string detail) =>
        Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid alert request", detail: detail);
}
