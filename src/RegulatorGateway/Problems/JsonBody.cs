using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace SafetyLedger.RegulatorGateway.Problems;

/// <summary>
/// Reads a JSON request body into <typeparamref name="T"/>: a malformed body, an unknown member (e.g. an
/// <c>actor</c>: the actor is the caller's key) or an empty body is a 400 naming the JSON path, never a 500.
/// </summary>
internal static class JsonBody
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, ApiProblems.Validation("body", "send application/json."));
        }

        try
        {
            var value = await JsonSerializer.DeserializeAsync(request.Body, type, cancellationToken);
            return value is null ? (null, ApiProblems.Validation("body", "the body is empty.")) : (value, null);
        }
        catch (JsonException ex)
        {
            return (null, ApiProblems.Validation(string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path, FirstSentence(ex.Message)));
        }
        catch (BadHttpRequestException ex)
        {
            return (null, Results.Problem(statusCode: ex.StatusCode, title: "The request body was refused", detail: ex.Message));
        }
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }
}
