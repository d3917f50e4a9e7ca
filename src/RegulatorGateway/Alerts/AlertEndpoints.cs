using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SafetyLedger.Ledger.Events;
using SafetyLedger.RegulatorGateway.Problems;
using SafetyLedger.RegulatorGateway.Security;
using SafetyLedger.RiskCore.Alerts;
using SafetyLedger.RiskCore.Alerts.Projection;
using SafetyLedger.RiskCore.Fusion;
using SafetyLedger.RiskCore.Response;

namespace SafetyLedger.RegulatorGateway.Alerts;

/// <summary>
/// <c>/api/v1/enterprises/{enterprise}/alerts</c>. Lists (paged, newest first) come from the read table; one alert and
/// every command go to the ledger. Commands carry the version the caller saw (409 when the alert moved on or the
/// transition is not allowed); the actor recorded is the caller's key. Operators and safety managers acknowledge and
/// resolve; only a safety manager overrides an intervention.
/// </summary>
public static class AlertEndpoints
{
    private const int MaxCommentLength = 2000;

    public static IEndpointRouteBuilder MapAlertEndpoints(this IEndpointRouteBuilder endpoints)
    {
        var alerts = endpoints.MapGroup("/api/v1/enterprises/{enterprise}/alerts").WithTags("Alerts");
        alerts.MapGet("/", ListAsync).RequireAuthorization(GatewayPolicies.EnterpriseReader);
        alerts.MapGet("/{id}", GetAsync).RequireAuthorization(GatewayPolicies.EnterpriseReader);
        alerts.MapPost("/{id}/acknowledge", AcknowledgeAsync).RequireAuthorization(GatewayPolicies.AlertResponder).WithMetadata(new RequestSizeLimit(8 * 1024));
        alerts.MapPost("/{id}/resolve", ResolveAsync).RequireAuthorization(GatewayPolicies.AlertResponder).WithMetadata(new RequestSizeLimit(8 * 1024));
        alerts.MapPost("/{id}/override", OverrideAsync).RequireAuthorization(GatewayPolicies.InterventionOverride).WithMetadata(new RequestSizeLimit(8 * 1024));
        return endpoints;
    }

    private static async Task<IResult> ListAsync(string enterprise, string? site, string? state, string? cursor, int? limit, IAlertReadStore table, CancellationToken ct)
    {
        AlertState? filter = null;
        if (state is not null)
        {
            if (!TryParse<AlertState>(state, out var parsed))
            {
                return ApiProblems.Validation("state", "must be raised, acknowledged or resolved.");
            }

            filter = parsed;
        }

        if (site is not null && ApiProblems.InvalidId(("site", site)) is { } invalidSite)
        {
            return invalidSite;
        }

        AlertCursor? after = null;
        if (cursor is not null && !AlertCursor.TryDecode(cursor, out after))
        {
            return ApiProblems.Validation("cursor", "is not a cursor this list returned.");
        }

        if (limit is < 1 or > AlertQuery.MaxLimit)
        {
            return ApiProblems.Validation("limit", $"must be 1 to {AlertQuery.MaxLimit}.");
        }

        var size = limit ?? AlertQuery.DefaultLimit;
        var rows = await table.QueryAsync(new AlertQuery(enterprise, site, filter, after, size + 1), ct);
        var page = rows.Take(size).ToList();
        var next = rows.Count > size ? new AlertCursor(page[^1].RaisedAt, page[^1].AlertId).Encode() : null;
        return Results.Json(new AlertPage(page, next), AlertJson.Options);
    }

    private static async Task<IResult> GetAsync(string enterprise, string id, AlertService alerts, CancellationToken ct) =>
        ApiProblems.InvalidId(("id", id))
        ?? (await alerts.GetAsync(enterprise, id, ct) is { } alert ? Results.Json(alert, AlertJson.Options) : NotFound(enterprise, id));

    private static async Task<IResult> AcknowledgeAsync(string enterprise, string id, HttpContext context, AlertService alerts, CancellationToken ct)
    {
        var (body, problem) = await ReadAsync(id, context, GatewayJsonContext.Default.AcknowledgeBody, ct);
        if (problem is not null)
        {
            return problem;
        }

        return CommentProblem(body!.Comment)
            ?? await RunAsync(enterprise, id, () => alerts.AcknowledgeAsync(new AcknowledgeAlert(enterprise, id, body.ExpectedVersion, ActorOf(context), body.Comment), ct));
    }

    private static async Task<IResult> ResolveAsync(string enterprise, string id, HttpContext context, AlertService alerts, CancellationToken ct)
    {
        var (body, problem) = await ReadAsync(id, context, GatewayJsonContext.Default.ResolveBody, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (!TryParse<AlertLabel>(body!.Label, out var label))
        {
            return ApiProblems.Validation("label", "must be true-alarm, false-alarm or maintenance.");
        }

        return CommentProblem(body.Comment)
            ?? await RunAsync(enterprise, id, () => alerts.ResolveAsync(new ResolveAlert(enterprise, id, body.ExpectedVersion, ActorOf(context), label, body.Comment), ct));
    }

    private static async Task<IResult> OverrideAsync(string enterprise, string id, HttpContext context, TieredResponder responder, CancellationToken ct)
    {
        var (body, problem) = await ReadAsync(id, context, GatewayJsonContext.Default.OverrideBody, ct);
        if (problem is not null)
        {
            return problem;
        }

        if (!TryParse<OverrideAction>(body!.Action, out var action))
        {
            return ApiProblems.Validation("action", "must be cancel-intervention, confirm-intervention or change-level.");
        }

        if (string.IsNullOrWhiteSpace(body.Reason) || body.Reason.Length > MaxCommentLength)
        {
            return ApiProblems.Validation("reason", $"a reason of at most {MaxCommentLength} characters is required.");
        }

        RiskLevel? level = null;
        if (body.Level is not null)
        {
            if (!TryParse<RiskLevel>(body.Level, out var parsed))
            {
                return ApiProblems.Validation("level", "must be blue, yellow, orange or red.");
            }

            level = parsed;
        }

        return await RunAsync(enterprise, id, () => responder.OverrideAsync(new OverrideAlert(enterprise, id, body.ExpectedVersion, ActorOf(context), action, level, body.Reason), ct));
    }

    private static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(string id, HttpContext context, System.Text.Json.Serialization.Metadata.JsonTypeInfo<T> type, CancellationToken ct)
        where T : class, IAlertCommandBody
    {
        if (ApiProblems.InvalidId(("id", id)) is { } invalid)
        {
            return (null, invalid);
        }

        var (body, problem) = await JsonBody.ReadAsync(context.Request, type, ct);
        return body is { ExpectedVersion: < 0 } ? (null, ApiProblems.Validation("expectedVersion", "must not be negative.")) : (body, problem);
    }

    private static IResult? CommentProblem(string? comment) =>
        comment is { Length: > MaxCommentLength } ? ApiProblems.Validation("comment", $"at most {MaxCommentLength} characters.") : null;

    private static string ActorOf(HttpContext context) =>
        Caller.From(context.User)?.Actor ?? throw new InvalidOperationException("An alert command ran without an authenticated caller.");

    private static async Task<IResult> RunAsync(string enterprise, string id, Func<Task<Alert>> command)
    {
        try
        {
            return Results.Json(await command(), AlertJson.Options);
        }
        catch (AlertNotFoundException)
        {
            return NotFound(enterprise, id);
        }
        catch (WrongExpectedVersionException ex)
        {
            return ApiProblems.Conflict("The alert has changed", $"{ex.Message} Read the alert again and retry with its version.");
        }
        catch (AlertTransitionException ex)
        {
            return ApiProblems.Conflict("Transition not allowed", ex.Message);
        }
    }

    private static bool TryParse<T>(string? text, out T value)
        where T : struct, Enum
    {
        value = default;
        if (string.IsNullOrWhiteSpace(text) || text.Length > 64)
        {
            return false;
        }

        try
        {
            value = JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(text, GatewayJsonContext.Default.String), AlertJson.Options);
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    private static IResult NotFound(string enterprise, string id) =>
        ApiProblems.NotFound("No such alert", $"Enterprise '{enterprise}' has no alert '{id}'.");
}
