using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SafetyLedger.Ingestion.Transport;
using SafetyLedger.RegulatorGateway.Access;
using SafetyLedger.RegulatorGateway.Log;
using SafetyLedger.RegulatorGateway.OpenApi;
using SafetyLedger.RegulatorGateway.Security;

namespace SafetyLedger.RegulatorGateway;

/// <summary>Registers the gateway: keys and enterprises from the ledger, the API-key scheme, closed-by-default authorization, ProblemDetails and OpenAPI.</summary>
public static class GatewayServiceCollectionExtensions
{
    /// <summary>Needs the ledger's <c>IEventStore</c>, ingestion and the risk core registered by the host.</summary>
    public static IServiceCollection AddGateway(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<AccessDirectory>();
        services.AddSingleton<AccessAdministration>();
        services.AddSingleton<AccessProjection>();
        services.AddHostedService(sp => sp.GetRequiredService<AccessProjection>());
        services.AddSingleton<IMqttClientAuthenticator, MqttKeyAuthenticator>();
        services.AddSingleton<EntryVisibility>();

        services.AddProblemDetails();
        services.AddAuthentication(ApiKeyDefaults.Scheme)
            .AddScheme<ApiKeyAuthenticationOptions, ApiKeyAuthenticationHandler>(ApiKeyDefaults.Scheme, _ => { });
        services.AddAuthorization(o =>
        {
            o.DefaultPolicy = GatewayPolicies.Authenticated;
            o.FallbackPolicy = GatewayPolicies.Authenticated;
        });
        services.AddSingleton<IAuthorizationHandler, EnterpriseScopeHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, GatewayAuthorizationResultHandler>();
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Add(GatewayJsonContext.Default));

        var transformer = new ApiKeySecurityTransformer();
        services.AddOpenApi("v1", o =>
        {
            o.AddDocumentTransformer(transformer);
            o.AddOperationTransformer(transformer);
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.Title = "Safety Ledger API";
                document.Info.Description = "Every route needs an API key (X-Api-Key) unless it is marked as public. See docs/security.md.";
                return Task.CompletedTask;
            });
        });
        return services;
    }
}
