using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using SafetyLedger.RegulatorGateway.Tests.Support;

namespace SafetyLedger.RegulatorGateway.Tests.Security;

/// <summary>
/// Every route the service maps, read from its endpoint data source (so a new route is in the matrix without anyone
/// remembering it, and fails here until it has a case), called as anonymous, with another tenant's key, with a wrong
/// role, with a revoked key and with the right key: 401 / 404 / 403 / 401 / allowed. Public routes are listed explicitly.
/// </summary>
public sealed class AuthorizationMatrixTests : IAsyncLifetime
{
    private const string A = GatewayService.Tenant;

    private static readonly HashSet<string> Public = new(StringComparer.Ordinal)
    {
        "GET /healthz",
        "GET /api/v1/log/checkpoint",
        "GET /api/v1/log/keys",
        "GET /api/v1/log/proofs/inclusion",
        "GET /api/v1/log/proofs/consistency",
        "GET /openapi/{documentName}.json",
        "GET /docs/{documentName?}",
        "GET /docs/scalar.js",
        "GET /docs/scalar.aspnetcore.js",
        "GET /docs/favicon.svg",
    };

    private static readonly Dictionary<string, RouteCase> Cases = new(StringComparer.Ordinal)
    {
        ["GET /api/v1/me"] = new("/api/v1/me", "operator", null, Scoped: false),
        ["GET /api/v1/log/entries/{position:long}"] = new("/api/v1/log/entries/0", "operator", null, Scoped: true),
        ["GET /api/v1/log/bundles/{position:long}"] = new("/api/v1/log/bundles/0", "operator", null, Scoped: true),
        ["GET /api/v1/admin/keys"] = new("/api/v1/admin/keys", "admin", "safety-manager", Scoped: false),
        ["POST /api/v1/admin/keys"] = new("/api/v1/admin/keys", "admin", "safety-manager", Scoped: false, """{"role":"operator","tenant":"acme","name":"matrix"}"""),
        ["POST /api/v1/admin/keys/{id}/revoke"] = new("/api/v1/admin/keys/k00000000000000000000/revoke", "admin", "safety-manager", Scoped: false, "{}", NamesNothing: true),
        ["GET /api/v1/admin/enterprises"] = new("/api/v1/admin/enterprises", "admin", "operator", Scoped: false),
        ["POST /api/v1/admin/enterprises"] = new("/api/v1/admin/enterprises", "admin", "operator", Scoped: false, """{"id":"matrix-co","region":"320582","name":"Matrix"}"""),
        ["POST /api/v1/telemetry"] = new("/api/v1/telemetry", "device", "operator", Scoped: false, "[]"),
        ["GET /api/v1/enterprises/{enterprise}/deadletters"] = new($"/api/v1/enterprises/{A}/deadletters", "device", "dcs", Scoped: true),
        ["GET /api/v1/enterprises/{enterprise}/quality"] = new($"/api/v1/enterprises/{A}/quality", "operator", "device", Scoped: true),
        ["GET /api/v1/enterprises/{enterprise}/sensors/"] = new($"/api/v1/enterprises/{A}/sensors", "operator", "device", Scoped: true),
        ["POST /api/v1/enterprises/{enterprise}/sensors/"] = new($"/api/v1/enterprises/{A}/sensors", "safety-manager", "operator", Scoped: true, """{"id":"matrix-1","kind":"toxic_gas","unit":"ppm","site":"plant-1","expectedPeriodSeconds":1}"""),
        ["GET /api/v1/enterprises/{enterprise}/alerts/"] = new($"/api/v1/enterprises/{A}/alerts", "operator", "device", Scoped: true),
        ["GET /api/v1/enterprises/{enterprise}/alerts/{id}"] = new($"/api/v1/enterprises/{A}/alerts/none", "operator", "dcs", Scoped: true, NamesNothing: true),
        ["POST /api/v1/enterprises/{enterprise}/alerts/{id}/acknowledge"] = new($"/api/v1/enterprises/{A}/alerts/none/acknowledge", "operator", "approver", Scoped: true, """{"expectedVersion":0}""", NamesNothing: true),
        ["POST /api/v1/enterprises/{enterprise}/alerts/{id}/resolve"] = new($"/api/v1/enterprises/{A}/alerts/none/resolve", "operator", "receiver", Scoped: true, """{"expectedVersion":0,"label":"false-alarm"}""", NamesNothing: true),
        ["POST /api/v1/enterprises/{enterprise}/alerts/{id}/override"] = new($"/api/v1/enterprises/{A}/alerts/none/override", "safety-manager", "operator", Scoped: true, """{"expectedVersion":0,"action":"cancel-intervention","reason":"matrix"}""", NamesNothing: true),
    };

    private GatewayService service = null!;

    public async Task InitializeAsync() => service = await GatewayService.StartAsync();

    public async Task DisposeAsync() => await service.DisposeAsync();

    [Fact]
    public void Every_route_is_either_public_by_design_or_has_a_case_in_the_matrix()
    {
        var missing = Routes().Where(r => !Public.Contains(r.Key) && !Cases.ContainsKey(r.Key)).Select(r => r.Key).ToList();
        Assert.True(missing.Count == 0, "Routes without an authorization case (add one to the matrix): " + string.Join(", ", missing));
        Assert.True(Routes().Count >= Cases.Count, "The matrix names routes the service does not map.");
    }

    [Fact]
    public async Task Every_protected_route_refuses_anonymous_other_tenant_wrong_role_and_revoked_keys_and_admits_the_right_key()
    {
        var failures = new List<string>();
        foreach (var (route, _) in Routes().Where(r => !Public.Contains(r.Key)))
        {
            if (!Cases.TryGetValue(route, out var test))
            {
                continue;
            }

            var method = route[..route.IndexOf(' ', StringComparison.Ordinal)];
            await ExpectAsync(failures, route, "anonymous", method, test, null, s => s == HttpStatusCode.Unauthorized);
            await ExpectAsync(failures, route, "revoked key", method, test, "revoked", s => s == HttpStatusCode.Unauthorized);
            if (test.Scoped)
            {
                await ExpectAsync(failures, route, "another tenant's key", method, test, test.OtherTenantRole, s => s == HttpStatusCode.NotFound);
            }

            if (test.WrongRole is { } wrong)
            {
                await ExpectAsync(failures, route, $"role {wrong}", method, test, wrong, s => s == HttpStatusCode.Forbidden);
            }

            await ExpectAsync(failures, route, $"role {test.RightRole}", method, test, test.RightRole, s => (int)s < 500 && s is not (HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden) && (test.NamesNothing || s != HttpStatusCode.NotFound));
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public async Task Every_public_route_answers_anonymous_callers()
    {
        foreach (var path in new[] { "/healthz", "/api/v1/log/keys", "/openapi/v1.json", "/docs", "/docs/scalar.js" })
        {
            using var http = service.Client(null);
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode}");
        }
    }

    private async Task ExpectAsync(List<string> failures, string route, string who, string method, RouteCase test, string? role, Func<HttpStatusCode, bool> expected)
    {
        using var http = service.Client(role);
        using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(test.Path, UriKind.Relative));
        if (test.Body is not null)
        {
            request.Content = new StringContent(test.Body, Encoding.UTF8, "application/json");
        }

        using var response = await http.SendAsync(request);
        if (!expected(response.StatusCode))
        {
            failures.Add($"{route} as {who}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
        else if ((int)response.StatusCode >= 400 && response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            failures.Add($"{route} as {who}: {(int)response.StatusCode} without a ProblemDetails body");
        }
    }

    private Dictionary<string, RouteEndpoint> Routes()
    {
        var routes = new Dictionary<string, RouteEndpoint>(StringComparer.Ordinal);
        foreach (var endpoint in service.Get<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            foreach (var method in endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                routes[$"{method} {endpoint.RoutePattern.RawText}"] = endpoint;
            }
        }

        return routes;
    }
}
