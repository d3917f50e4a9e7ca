using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SafetyLedger.Ledger.Events;
using SafetyLedger.RegulatorGateway.Tests.Support;
using SafetyLedger.RiskCore.Alerts;
using SafetyLedger.RiskCore.Alerts.Projection;
using SafetyLedger.RiskCore.Explanations;
using SafetyLedger.RiskCore.Fusion;

namespace SafetyLedger.RegulatorGateway.Tests.Alerts;

/// <summary>The alert routes on the real service: scope, roles, paging, the actor taken from the key, ProblemDetails on errors.</summary>
public sealed class AlertApiTests : IAsyncLifetime
{
    private const string A = GatewayService.Tenant;
    private GatewayService service = null!;

    public async Task InitializeAsync() => service = await GatewayService.StartAsync();

    public async Task DisposeAsync() => await service.DisposeAsync();

    [Fact]
    public async Task Operators_acknowledge_and_resolve_and_the_ledger_records_their_key_as_the_actor()
    {
        var raised = await RaiseAsync(minute: 0);
        using var op = service.Client("operator");
        var list = await op.GetFromJsonAsync<JsonElement>($"/api/v1/enterprises/{A}/alerts?state=raised");
        using var stale = await op.PostAsync(Uri($"{raised}/acknowledge"), Json("""{"expectedVersion":5}"""));
        using var forged = await op.PostAsync(Uri($"{raised}/acknowledge"), Json("""{"expectedVersion":0,"actor":"someone-else"}"""));
        using var acknowledged = await op.PostAsync(Uri($"{raised}/acknowledge"), Json("""{"expectedVersion":0,"comment":"seen"}"""));
        using var badLabel = await op.PostAsync(Uri($"{raised}/resolve"), Json("""{"expectedVersion":1,"label":"maybe"}"""));
        using var resolved = await op.PostAsync(Uri($"{raised}/resolve"), Json("""{"expectedVersion":1,"label":"true-alarm","comment":"valve leak"}"""));
        using var again = await op.PostAsync(Uri($"{raised}/resolve"), Json("""{"expectedVersion":2,"label":"true-alarm"}"""));
        using var blank = await op.GetAsync(Uri("%20"));

        Assert.Equal(raised, Assert.Single(list.GetProperty("items").EnumerateArray().ToArray()).GetProperty("alertId").GetString());
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.OK, acknowledged.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badLabel.StatusCode);
        Assert.Equal(HttpStatusCode.OK, resolved.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, blank.StatusCode);
        Assert.Contains("\"id\"", await blank.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var commands = (await ReadAlertStreamAsync(raised)).Where(e => e.EventType is AlertEventTypes.Acknowledged or AlertEventTypes.Resolved).ToList();
        Assert.Equal(2, commands.Count);
        Assert.All(commands, e => Assert.Equal("key:" + service.Key("operator").Id, e.Metadata.Actor));
    }

    [Fact]
    public async Task Only_a_safety_manager_overrides_an_intervention_and_regulators_and_auditors_read_within_their_scope()
    {
        var raised = await RaiseAsync(minute: 1);
        var body = """{"expectedVersion":0,"action":"confirm-intervention","reason":"checked on site"}""";
        using var op = service.Client("operator");
        using var byOperator = await op.PostAsync(Uri($"{raised}/override"), Json(body));
        using var manager = service.Client("safety-manager");
        using var byManager = await manager.PostAsync(Uri($"{raised}/override"), Json(body));

        Assert.Equal(HttpStatusCode.Forbidden, byOperator.StatusCode);
        Assert.NotEqual(HttpStatusCode.Forbidden, byManager.StatusCode);
        foreach (var (role, expected) in new[] { ("regulator", HttpStatusCode.OK), ("auditor", HttpStatusCode.OK), ("regulator-beijing", HttpStatusCode.NotFound), ("operator@" + GatewayService.OtherTenant, HttpStatusCode.NotFound) })
        {
            using var http = service.Client(role);
            using var one = await http.GetAsync(Uri(raised));
            Assert.True(one.StatusCode == expected, $"{role}: {(int)one.StatusCode}");
        }
    }

    [Fact]
    public async Task Lists_are_paged_by_cursor_and_every_alert_is_on_exactly_one_page()
    {
        var raised = new List<string>();
        for (var i = 0; i < 7; i++)
        {
            raised.Add(await RaiseAsync(minute: 10 + i, site: $"site-{i}"));
        }

        using var op = service.Client("operator");
        var seen = new List<string>();
        string? cursor = null;
        var pages = 0;
        do
        {
            var page = await op.GetFromJsonAsync<JsonElement>($"/api/v1/enterprises/{A}/alerts?limit=3" + (cursor is null ? string.Empty : "&cursor=" + cursor));
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(r => r.GetProperty("alertId").GetString()!));
            cursor = page.TryGetProperty("nextCursor", out var next) && next.ValueKind == JsonValueKind.String ? next.GetString() : null;
            pages++;
        }
        while (cursor is not null && pages < 10);

        using var badCursor = await op.GetAsync(new Uri($"/api/v1/enterprises/{A}/alerts?cursor=nonsense", UriKind.Relative));
        using var badLimit = await op.GetAsync(new Uri($"/api/v1/enterprises/{A}/alerts?limit=100000", UriKind.Relative));
        Assert.Equal(3, pages);
        Assert.Equal(raised.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        Assert.Equal(HttpStatusCode.BadRequest, badCursor.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, badLimit.StatusCode);
    }

    private async Task<string> RaiseAsync(int minute, string site = "site-1")
    {
        var assessment = new RiskAssessment(
            A,
            site,
            new DateTimeOffset(2026, 12, 1, 8, 0, 0, TimeSpan.Zero).AddMinutes(minute),
            RiskLevel.Yellow,
            0.5,
            ["rules"],
            new Explanation("lel-1 over the yellow line", [new SensorContribution("lel-1", 30, 0, 25, 1, "level 1 ≥ 25 % LEL")]),
            "riskcore/1",
            []);
        var alert = await service.Get<AlertService>().ObserveAsync(assessment, [], CancellationToken.None);
        var table = service.Get<IAlertReadStore>();
        var head = service.Get<IEventStore>().Count;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (await table.NextPositionAsync(CancellationToken.None) < head)
        {
            await Task.Delay(20, deadline.Token);
        }

        return alert!.AlertId;
    }

    private async Task<IReadOnlyList<LedgerEntry>> ReadAlertStreamAsync(string alertId)
    {
        var found = new List<LedgerEntry>();
        await foreach (var entry in service.Get<IEventStore>().ReadCategoryAsync("alert-", 0, service.Get<IEventStore>().Count, CancellationToken.None))
        {
            if (entry.Payload.Length > 0 && Encoding.UTF8.GetString(entry.Payload.Span).Contains(alertId, StringComparison.Ordinal))
            {
                found.Add(entry);
            }
        }

        return found;
    }

    private static Uri Uri(string rest) => new($"/api/v1/enterprises/{A}/alerts/{rest}", UriKind.Relative);

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
