using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SafetyLedger.RegulatorGateway.Tests.Support;

namespace SafetyLedger.RegulatorGateway.Tests.OpenApi;

/// <summary>The OpenAPI document lists every API route the service maps, with the API-key requirement on each one that is not public.</summary>
public sealed class OpenApiDocumentTests : IAsyncLifetime
{
    private GatewayService service = null!;

    public async Task InitializeAsync() => service = await GatewayService.StartAsync();

    public async Task DisposeAsync() => await service.DisposeAsync();

    [Fact]
    public async Task Every_api_route_is_in_the_document_and_only_public_ones_lack_the_key_requirement()
    {
        using var http = service.Client(null);
        using var document = JsonDocument.Parse(await http.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));
        var paths = document.RootElement.GetProperty("paths");
        Assert.Equal("apiKey", document.RootElement.GetProperty("components").GetProperty("securitySchemes").GetProperty("ApiKey").GetProperty("type").GetString());

        var missing = new List<string>();
        foreach (var endpoint in service.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var raw = endpoint.RoutePattern.RawText!;
            if (!raw.StartsWith("/api/", StringComparison.Ordinal) && raw != "/healthz")
            {
                continue;
            }

            var path = Normalise(raw);
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [])
            {
                if (!paths.TryGetProperty(path, out var item) || !item.TryGetProperty(method.ToLowerInvariant(), out var operation))
                {
                    missing.Add($"{method} {path}");
                    continue;
                }

                var secured = operation.TryGetProperty("security", out var security) && security.GetArrayLength() > 0;
                var anonymous = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null;
                Assert.True(secured != anonymous, $"{method} {path}: security requirement {(secured ? "present" : "absent")}, anonymous {anonymous}");
            }
        }

        Assert.True(missing.Count == 0, "Not in the OpenAPI document: " + string.Join(", ", missing));
    }

    [Fact]
    public async Task The_reference_page_is_served_without_calling_any_other_host()
    {
        using var http = service.Client(null);
        var page = await http.GetStringAsync(new Uri("/docs", UriKind.Relative));
        Assert.Contains("\"url\":\"openapi/v1.json\"", page, StringComparison.Ordinal);
        Assert.DoesNotContain("cdn.", page, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("fonts.googleapis", page, StringComparison.OrdinalIgnoreCase);
    }

    private static string Normalise(string raw)
    {
        var path = System.Text.RegularExpressions.Regex.Replace(raw, "{(?<name>[^}:?]+)(:[^}]+)?\\??}", "{${name}}", System.Text.RegularExpressions.RegexOptions.ExplicitCapture, TimeSpan.FromSeconds(1));
        return path.Length > 1 ? path.TrimEnd('/') : path;
    }
}
