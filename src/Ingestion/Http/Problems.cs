using Microsoft.AspNetCore.Http;

namespace SafetyLedger.Ingestion.Http;

/// <summary>The authentication problems every route answers the same way.</summary>
internal static class Problems
{
    public static IResult Unauthorised() => Results.Problem(
        statusCode: StatusCodes.Status401Unauthorized,
        title: "API key required",
        detail: $"Send the tenant's API key in the {HttpIngestionOptions.ApiKeyHeader} header.");

    public static IResult OtherTenant(string tenant) => Results.Problem(
        statusCode: StatusCodes.Status403Forbidden,
        title: "Another tenant's data",
        detail: $"The API key does not belong to tenant '{tenant}'.");
}
