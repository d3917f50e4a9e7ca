using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using SafetyLedger.Ingestion.Pipeline;

namespace SafetyLedger.Ingestion.Http;

/// <summary>
/// <c>POST /api/telemetry</c>: a JSON array of readings naming tenant, site and sensor. 200 once every
/// reading is durably stored (or was already); otherwise a problem: 401 no key, 400 malformed, 413 too
/// large, 422 some readings refused (the others are stored), 503 the store failed (nothing stored, send again).
/// </summary>
internal static class TelemetryEndpoint
{
    public static async Task<IResult> PostAsync(
        HttpRequest request,
        ApiKeyAuthenticator authenticator,
        IngestionPipeline pipeline,
        IOptions<ValidationOptions> validation,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (authenticator.Authenticate(request) is not { } tenant)
        {
            return Problems.Unauthorised();
        }

        var receivedAt = time.GetUtcNow();
        var (body, tooLarge, length) = await BodyReader.ReadAsync(request, validation.Value.MaxPayloadBytes, cancellationToken);
        var envelope = new IngestEnvelope(IngestEnvelope.Http, null, receivedAt, body, null, tenant);
        IngestOutcome outcome;
        try
        {
            outcome = tooLarge
                ? await pipeline.RefuseAsync(envelope, Rejections.TooLarge(length, validation.Value.MaxPayloadBytes), cancellationToken)
                : await pipeline.IngestAsync(envelope, cancellationToken);
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
}
