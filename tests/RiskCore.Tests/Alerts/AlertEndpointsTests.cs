using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SafetyLedger.Ledger.Events;
using SafetyLedger.RiskCore.Alerts;
using SafetyLedger.RiskCore.Alerts.Http;
using SafetyLedger.RiskCore.Alerts.Projection;
using SafetyLedger.RiskCore.Fusion;
using SafetyLedger.RiskCore.Tests.Support;

namespace SafetyLedger.RiskCore.Tests.Alerts;

public sealed class AlertEndpointsTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Operators_list_read_acknowledge_and_resolve_alerts_over_http_with_problem_details_on_errors()
    {
        await using var ledger = new AlertLedger();
        var port = FreePort.Next();
        await using var app = await StartAsync(ledger, port);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var alerts = app.Services.GetRequiredService<AlertService>();
        var raised = (await alerts.ObserveAsync(Some.Assessment(RiskLevel.Yellow, 0.5), [4], None))!;
        var table = app.Services.GetRequiredService<IAlertReadStore>();
        await Eventually.UntilAsync(async () => await table.NextPositionAsync(None) >= ledger.Store.Count);

        var list = await http.GetFromJsonAsync<JsonElement>("/api/alerts/tenant-1?state=raised", None);
        var one = await http.GetFromJsonAsync<JsonElement>($"/api/alerts/tenant-1/{raised.AlertId}", None);
        var stale = await http.PostAsJsonAsync($"/api/alerts/tenant-1/{raised.AlertId}/acknowledge", new AcknowledgeBody(5, "op-1", null), None);
        var acknowledged = await http.PostAsJsonAsync($"/api/alerts/tenant-1/{raised.AlertId}/acknowledge", new AcknowledgeBody(0, "op-1", "seen"), None);
        var badLabel = await http.PostAsJsonAsync($"/api/alerts/tenant-1/{raised.AlertId}/resolve", new ResolveBody(1, "op-1", "maybe", null), None);
        var resolved = await http.PostAsJsonAsync($"/api/alerts/tenant-1/{raised.AlertId}/resolve", new ResolveBody(1, "op-1", "true-alarm", "valve leak"), None);
        var again = await http.PostAsJsonAsync($"/api/alerts/tenant-1/{raised.AlertId}/resolve", new ResolveBody(2, "op-1", "true-alarm", null), None);
        var missing = await http.GetAsync(new Uri("/api/alerts/tenant-1/nope", UriKind.Relative), None);

        Assert.Equal(raised.AlertId, Assert.Single(list.EnumerateArray().ToArray()).GetProperty("alertId").GetString());
        Assert.Equal("yellow", one.GetProperty("level").GetString());
        Assert.Equal("lel-1", one.GetProperty("explanation").GetProperty("contributions")[0].GetProperty("sensorId").GetString());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("application/problem+json", stale.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badLabel.StatusCode);
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Equal("true-alarm", (await resolved.Content.ReadFromJsonAsync<JsonElement>(None)).GetProperty("label").GetString());
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("Transition not allowed", await again.Content.ReadAsStringAsync(None), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        await app.StopAsync(None);
    }

    private static async Task<WebApplication> StartAsync(AlertLedger ledger, int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        builder.Services.AddProblemDetails();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<IEventStore>(ledger.Store);
        builder.Services.AddRiskCore(new ConfigurationBuilder().Build());
        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapAlertEndpoints();
        await app.StartAsync(None);
        return app;
    }
}
