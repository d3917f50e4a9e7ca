using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using SafetyLedger.RegulatorGateway.Security;

namespace SafetyLedger.RegulatorGateway.OpenApi;

/// <summary>
/// Declares the API-key scheme in the document and, on every operation that is not anonymous, requires it and
/// lists the answers a refused caller gets (401 no or revoked key, 403 wrong role, 404 outside the caller's scope).
/// </summary>
internal sealed class ApiKeySecurityTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer
{
    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(document);
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>(StringComparer.Ordinal);
        document.Components.SecuritySchemes[ApiKeyDefaults.Scheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.ApiKey,
            In = ParameterLocation.Header,
            Name = ApiKeyDefaults.Header,
            Description = "A key from 'ledger keys create' (or the admin API). OData and report routes also take it as ?api-key=.",
        };
        return Task.CompletedTask;
    }

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(context);
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (metadata.OfType<IAllowAnonymous>().Any())
        {
            return Task.CompletedTask;
        }

        operation.Security ??= [];
        operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(ApiKeyDefaults.Scheme, context.Document)] = [] });
        operation.Responses ??= [];
        operation.Responses.TryAdd("401", new OpenApiResponse { Description = "No API key, or an unknown or revoked one." });
        operation.Responses.TryAdd("403", new OpenApiResponse { Description = "The key's role may not use this route." });
        if (metadata.OfType<AuthorizationPolicy>().Any(p => p.Requirements.OfType<EnterpriseScopeRequirement>().Any()))
        {
            operation.Responses.TryAdd("404", new OpenApiResponse { Description = "The enterprise (or record) is not in the caller's scope." });
        }

        return Task.CompletedTask;
    }
}
