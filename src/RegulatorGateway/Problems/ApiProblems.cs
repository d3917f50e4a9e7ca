using Microsoft.AspNetCore.Http;
using SafetyLedger.Ingestion.Registry;

namespace SafetyLedger.RegulatorGateway.Problems;

/// <summary>The gateway's error catalogue: every refusal is an RFC 9457 problem with a title a person can act on.</summary>
internal static class ApiProblems
{
    public static IResult Validation(string field, string message) =>
        Results.ValidationProblem(new Dictionary<string, string[]>(StringComparer.Ordinal) { [field] = [message] }, title: "The request is not valid");

    public static IResult Validation(IReadOnlyDictionary<string, string[]> errors) =>
        Results.ValidationProblem(errors.ToDictionary(e => e.Key, e => e.Value, StringComparer.Ordinal), title: "The request is not valid");

    public static IResult NotFound(string title, string detail) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: title, detail: detail);

    public static IResult Conflict(string title, string detail) =>
        Results.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);

    /// <summary>A 400 naming the first id that is not a plain identifier (blank, too long, odd characters); null when all are.</summary>
    public static IResult? InvalidId(params (string Field, string? Value)[] ids)
    {
        foreach (var (field, value) in ids)
        {
            if (!Identifiers.IsValid(value))
            {
                return Validation(field, $"must be 1 to {Identifiers.MaxLength} of [A-Za-z0-9_.-].");
            }
        }

        return null;
    }
}
