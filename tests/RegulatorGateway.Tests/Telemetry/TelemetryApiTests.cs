using System.Net;
using System.Text;
using System.Text.Json;
using SafetyLedger.Ingestion.DeadLetters;
using SafetyLedger.Ingestion.Pipeline;
using SafetyLedger.Ingestion.Telemetry;
using SafetyLedger.RegulatorGateway.Tests.Support;

namespace SafetyLedger.RegulatorGateway.Tests.Telemetry;

/// <summary><c>POST /api/v1/telemetry</c> and the sensor routes on the real service: the device key's tenant decides whose readings are stored.</summary>
public sealed class TelemetryApiTests : IAsyncLifetime
{
    private const string A = GatewayService.Tenant;
    private GatewayService service = null!;

    public async Task InitializeAsync()
    {
        service = await GatewayService.StartAsync();
        using var manager = service.Client("safety-manager");
        using var response = await manager.PostAsync(new Uri($"/api/v1/enterprises/{A}/sensors", UriKind.Relative), Json(Sensor("h2s-1")));
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
    }

    public async Task DisposeAsync() => await service.DisposeAsync();

    [Fact]
    public async Task Readings_posted_with_a_device_key_are_stored_before_200()
    {
        var now = DateTimeOffset.UtcNow;
        using var device = service.Client("device");
        using var response = await device.PostAsync(new Uri("/api/v1/telemetry", UriKind.Relative), Json($"[{Reading(now, 4.2)},{Reading(now.AddSeconds(1), 5)}]"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await service.Get<ITelemetryStore>().QueryAsync(A, "h2s-1", now.AddMinutes(-1), now.AddMinutes(1), CancellationToken.None);
        Assert.Equal([4.2, 5.0], stored.Select(s => Math.Round(s.Reading.Value, 3)));
    }

    [Fact]
    public async Task Readings_for_another_tenant_or_an_unregistered_site_are_refused_and_dead_lettered_under_the_keys_tenant()
    {
        var now = DateTimeOffset.UtcNow;
        using var device = service.Client("device");
        var body = $"[{Reading(now, 1)},{Reading(now, 2, tenant: GatewayService.OtherTenant)},{Reading(now, 3, site: "plant-9")}]";
        using var response = await device.PostAsync(new Uri("/api/v1/telemetry", UriKind.Relative), Json(body));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(1, problem.RootElement.GetProperty("accepted").GetInt32());
        var letters = await service.Get<IDeadLetterStore>().ListAsync(null, 0, 10, CancellationToken.None);
        Assert.Equal(2, letters.Count);
        Assert.All(letters, l => Assert.Equal(A, l.Letter.Tenant));
        Assert.Contains(letters, l => l.Letter.Reason == RejectionReasons.TenantMismatch);
    }

    [Fact]
    public async Task Finite_but_absurd_values_are_refused_with_their_reason_and_the_others_stored()
    {
        var now = DateTimeOffset.UtcNow;
        using var device = service.Client("device");
        using var response = await device.PostAsync(new Uri("/api/v1/telemetry", UriKind.Relative), Json($"[{Reading(now, 1e308)},{Reading(now.AddSeconds(1), -1e300)},{Reading(now.AddSeconds(2), 3)}]"));

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(1, problem.RootElement.GetProperty("accepted").GetInt32());
        Assert.All(problem.RootElement.GetProperty("rejected").EnumerateArray(), r => Assert.Equal(RejectionReasons.OutOfRange, r.GetProperty("reason").GetString()));
    }

    [Fact]
    public async Task Malformed_and_oversize_bodies_are_clear_problems_and_dead_letters()
    {
        using var device = service.Client("device");
        using var malformed = await device.PostAsync(new Uri("/api/v1/telemetry", UriKind.Relative), Json("[{\"tenant\":"));
        var big = "[" + string.Join(',', Enumerable.Range(0, 1500).Select(i => Reading(DateTimeOffset.UtcNow, i))) + "]";
        using var oversize = await device.PostAsync(new Uri("/api/v1/telemetry", UriKind.Relative), Json(big));

        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, oversize.StatusCode);
        Assert.Equal("application/problem+json", oversize.Content.Headers.ContentType?.MediaType);
        var reasons = (await service.Get<IDeadLetterStore>().ListAsync(A, 0, 10, CancellationToken.None)).Select(l => l.Letter.Reason).ToList();
        Assert.Equal([RejectionReasons.MalformedJson, RejectionReasons.PayloadTooLarge], reasons);
    }

    [Fact]
    public async Task Sensors_need_a_site_are_listed_per_enterprise_and_registering_twice_conflicts()
    {
        using var manager = service.Client("safety-manager");
        using var again = await manager.PostAsync(new Uri($"/api/v1/enterprises/{A}/sensors", UriKind.Relative), Json(Sensor("h2s-1")));
        using var siteless = await manager.PostAsync(new Uri($"/api/v1/enterprises/{A}/sensors", UriKind.Relative), Json("""{"id":"x-1","kind":"toxic_gas","unit":"ppm","expectedPeriodSeconds":1}"""));
        using var withActor = await manager.PostAsync(new Uri($"/api/v1/enterprises/{A}/sensors", UriKind.Relative), Json(Sensor("x-2").Replace("{", "{\"actor\":\"mallory\",", StringComparison.Ordinal)));
        using var regulator = service.Client("regulator");
        var listed = await regulator.GetStringAsync(new Uri($"/api/v1/enterprises/{A}/sensors", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, siteless.StatusCode);
        Assert.Contains("site is required", await siteless.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, withActor.StatusCode);
        Assert.Contains("actor", await withActor.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Single(JsonDocument.Parse(listed).RootElement.EnumerateArray());
    }

    private static string Sensor(string id) =>
        $$"""{"id":"{{id}}","kind":"toxic_gas","unit":"ppm","gas":"H2S","molarMass":34.08,"site":"plant-1","expectedPeriodSeconds":1,"rangeMin":0,"rangeMax":500}""";

    private static string Reading(DateTimeOffset at, double value, string tenant = A, string site = "plant-1") =>
        $$"""{"tenant":"{{tenant}}","site":"{{site}}","sensor":"h2s-1","ts":"{{at:O}}","value":{{value.ToString(System.Globalization.CultureInfo.InvariantCulture)}},"unit":"ppm"}""";

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");
}
