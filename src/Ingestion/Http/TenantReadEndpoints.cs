using Microsoft.AspNetCore.Http;
using SafetyLedger.Ingestion.DeadLetters;
using SafetyLedger.Ingestion.Quality;
using SafetyLedger.Ingestion.Transport;

namespace SafetyLedger.Ingestion.Http;

/// <summary><c>GET /api/tenants/{tenant}/deadletters</c> and <c>GET /api/tenants/{tenant}/quality</c>.</summary>
internal static class TenantReadEndpoints
{
    private const int MaxPage = 1000;

    public static async Task<IResult> DeadLettersAsync(
        string tenant,
        long? after,
        int? limit,
        HttpRequest request,
        ApiKeyAuthenticator authenticator,
        IDeadLetterStore store,
        CancellationToken cancellationToken)
    {
        if (SensorEndpoints.Authorise(request, authenticator, tenant) is { } problem)
        {
            return problem;
        }

        var letters = await store.ListAsync(tenant, after ?? 0, Math.Clamp(limit ?? 100, 1, MaxPage), cancellationToken);
        IReadOnlyList<DeadLetterMessage> view = letters.Select(l => DeadLetterMessage.From(l.Letter) with { Id = l.Id }).ToList();
        return Results.Json(view, IngestionJsonContext.Default.IReadOnlyListDeadLetterMessage);
    }

    public static async Task<IResult> QualityAsync(
        string tenant,
        string? period,
        DateTimeOffset? from,
        DateTimeOffset? until,
        HttpRequest request,
        ApiKeyAuthenticator authenticator,
        IQualityStore store,
        TimeProvider time,
        CancellationToken cancellationToken)
    {
        if (SensorEndpoints.Authorise(request, authenticator, tenant) is { } problem)
        {
            return problem;
        }

        var length = string.Equals(period, "day", StringComparison.OrdinalIgnoreCase) ? QualityPeriod.Day : QualityPeriod.Hour;
        var end = until ?? time.GetUtcNow();
        var rows = await store.ListAsync(tenant, length, from ?? end.AddDays(-1), end, cancellationToken);
        return Results.Json(rows, IngestionJsonContext.Default.IReadOnlyListQualityRollup);
    }
}
