using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using SafetyLedger.Ingestion;
using SafetyLedger.Ingestion.DeadLetters;
using SafetyLedger.Ingestion.Http;
using SafetyLedger.Ingestion.Pipeline;
using SafetyLedger.Ingestion.Quality;
using SafetyLedger.Ingestion.Transport;
using SafetyLedger.RegulatorGateway.Problems;
using SafetyLedger.RegulatorGateway.Security;

namespace SafetyLedger.RegulatorGateway.Telemetry;

/// <summary>
/// <c>POST /api/v1/telemetry</c> (a <c>device</c> key; the readings name its tenant), and an enterprise's
/// <c>deadletters</c> and <c>quality</c> roll-ups.
/// </summary>
public static class TelemetryEndpoints
{
    private const int MaxPage = 1000;
    private static readonly TimeSpan MaxQualitySpan = TimeSpan.FromDays(366);

    public static IEndpointRouteBuilder MapTelemetryEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/api/v1/telemetry", PostAsync).RequireAuthorization(GatewayPolicies.Device).WithTags("Telemetry");
        var enterprise = endpoints.MapGroup("/api/v1/enterprises/{enterprise}").WithTags("Telemetry");
        enterprise.MapGet("/deadletters", DeadLettersAsync).RequireAuthorization(GatewayPolicies.DeadLetterReader);
        enterprise.MapGet("/quality", QualityAsync).RequireAuthorization(GatewayPolicies.EnterpriseReader);
        return endpoints;
    }

    /// <summary>
    /// 200 once every reading is durably stored (or was already); otherwise a problem: 400 malformed, 413 too large,
    /// 422 some readings refused (the others are stored, the refused ones dead-lettered), 503 nothing stored.
    /// </summary>
    private static async Task<IResult> PostAsync(HttpContext context, IngestionPipeline pipeline, IOptions<ValidationOptions> validation, TimeProvider time, CancellationToken ct)
    {
        var tenant = Caller.From(context.User)?.Tenant ?? throw new InvalidOperationException("A device key without a tenant.");
        var receivedAt = time.GetUtcNow();
        var (body, tooLarge, length) = await BoundedBody.ReadAsync(context.Request, validation.Value.MaxPayloadBytes, ct);
        var envelope = new IngestEnvelope(IngestEnvelope.Http, null, receivedAt, body, null, tenant);
        IngestOutcome outcome;
        try
        {
            outcome = tooLarge
                ? await pipeline.RefuseAsync(envelope, Rejections.TooLarge(length, validation.Value.MaxPayloadBytes), ct)
                : await pipeline.IngestAsync(envelope, ct);
        }
        catch (IOException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Not stored", detail: ex.Message);
        }

        if (outcome.FullyAccepted)
        {
            return Results.Json(new TelemetryAccepted(outcome.Accepted, outcome.Duplicates), IngestionJsonContext.Default.TelemetryAccepted);
        }

        var whole = outcome.Rejected is [{ Index: null } only] ? only : null;
        var status = whole?.Reason switch
        {
            RejectionReasons.PayloadTooLarge => StatusCodes.Status413PayloadTooLarge,
            RejectionReasons.MalformedJson or RejectionReasons.InvalidReading or RejectionReasons.ValueNotFinite => StatusCodes.Status400BadRequest,
            _ => StatusCodes.Status422UnprocessableEntity,
        };
        return Results.Problem(
            statusCode: status,
            title: whole is null ? "Some readings were refused" : "The payload was refused",
            detail: whole?.Detail ?? $"{outcome.Rejected.Count} readings refused into the dead-letter store; {outcome.Accepted} stored, {outcome.Duplicates} duplicates.",
            type: "https://safety-ledger/problems/" + (whole?.Reason ?? "readings_refused"),
            extensions: new Dictionary<string, object?>(StringComparer.Ordinal)
            {
                ["accepted"] = outcome.Accepted,
                ["duplicates"] = outcome.Duplicates,
                ["rejected"] = outcome.Rejected,
            });
    }

    private static async Task<IResult> DeadLettersAsync(string enterprise, long? after, int? limit, IDeadLetterStore store, CancellationToken ct)
    {
        if (after is < 0 || limit is < 1 or > MaxPage)
        {
            return ApiProblems.Validation(after is < 0 ? "after" : "limit", after is < 0 ? "must not be negative." : $"must be 1 to {MaxPage}.");
        }

        var letters = await store.ListAsync(enterprise, after ?? 0, limit ?? 100, ct);
        IReadOnlyList<DeadLetterMessage> view = letters.Select(l => DeadLetterMessage.From(l.Letter) with { Id = l.Id }).ToList();
        return Results.Json(view, IngestionJsonContext.Default.IReadOnlyListDeadLetterMessage);
    }

    private static async Task<IResult> QualityAsync(string enterprise, string? period, DateTimeOffset? from, DateTimeOffset? until, IQualityStore store, TimeProvider time, CancellationToken ct)
    {
        if (period is not (null or "hour" or "day"))
        {
            return ApiProblems.Validation("period", "must be hour or day.");
        }

        var end = until ?? time.GetUtcNow();
        var start = from ?? end.AddDays(-1);
        if (start > end || end - start > MaxQualitySpan)
        {
            return ApiProblems.Validation("from", $"must be before until and at most {MaxQualitySpan.TotalDays} days before it.");
        }

        var rows = await store.ListAsync(enterprise, period == "day" ? QualityPeriod.Day : QualityPeriod.Hour, start, end, ct);
        return Results.Json(rows, IngestionJsonContext.Default.IReadOnlyListQualityRollup);
    }
}
