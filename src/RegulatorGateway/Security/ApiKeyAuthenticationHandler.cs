using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SafetyLedger.RegulatorGateway.Access;
using SafetyLedger.RegulatorGateway.Problems;

namespace SafetyLedger.RegulatorGateway.Security;

/// <summary>
/// Authenticates the key in <c>X-Api-Key</c> (or <c>?api-key=</c> where the endpoint allows it) against the keys in
/// the ledger. No key is anonymous; an unknown or revoked key fails. Challenges and refusals answer ProblemDetails.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<ApiKeyAuthenticationOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    AccessDirectory directory,
    IProblemDetailsService problems)
    : AuthenticationHandler<ApiKeyAuthenticationOptions>(options, logger, encoder)
{
    private const int MaxKeyLength = 256;

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Request.Headers[ApiKeyDefaults.Header].ToString();
        if (presented.Length == 0 && Context.GetEndpoint()?.Metadata.GetMetadata<QueryKeyAllowed>() is not null)
        {
            presented = Request.Query[ApiKeyDefaults.QueryParameter].ToString();
        }

        if (presented.Length == 0)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var key = presented.Length <= MaxKeyLength ? directory.FindBySecret(presented) : null;
        if (key is null || !key.IsActive)
        {
            var reason = key is null ? "The API key is not known." : "The API key was revoked.";
            Context.Items[ApiKeyDefaults.FailureItem] = reason;
            return Task.FromResult(AuthenticateResult.Fail(reason));
        }

        return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(Caller.Principal(key, Scheme.Name), Scheme.Name)));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        var detail = Context.Items[ApiKeyDefaults.FailureItem] as string
            ?? $"Send an API key in the {ApiKeyDefaults.Header} header.";
        Response.Headers.WWWAuthenticate = $"{ApiKeyDefaults.Scheme} header=\"{ApiKeyDefaults.Header}\"";
        await ProblemWriter.WriteAsync(problems, Context, StatusCodes.Status401Unauthorized, "API key required", detail);
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ProblemWriter.WriteAsync(problems, Context, StatusCodes.Status403Forbidden, "Not allowed for this role", "The API key's role may not use this route.");
}
