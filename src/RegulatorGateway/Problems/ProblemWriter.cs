using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace SafetyLedger.RegulatorGateway.Problems;

/// <summary>Writes an RFC 9457 problem outside an endpoint (authentication, authorization, limits).</summary>
internal static class ProblemWriter
{
    public static async Task WriteAsync(IProblemDetailsService problems, HttpContext context, int status, string title, string detail)
    {
        context.Response.StatusCode = status;
        var problem = new ProblemDetails { Status = status, Title = title, Detail = detail, Type = ProblemTypes.For(status) };
        if (!await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }))
        {
            await context.Response.WriteAsJsonAsync(problem, ProblemJsonContext.Default.ProblemDetails, "application/problem+json");
        }
    }
}
