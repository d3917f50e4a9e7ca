using System.Net;
using System.Text.Json;
using SafetyLedger.Ingestion.DeadLetters;
using SafetyLedger.Ingestion.Http;
using SafetyLedger.Ingestion.Pipeline;
using SafetyLedger.Ingestion.Telemetry;
using SafetyLedger.Ingestion.Tests.Support;

namespace SafetyLedger.Ingestion.Tests.Http;

public sealed class TelemetryHttpTests : IAsyncLifetime, IDisposable
{
    private readonly TempFolder folder = new();
    private IngestionHost host = null!;

    public async Task InitializeAsync()
    {
        host = await IngestionHost.StartAsync(folder.Path, new Dictionary<string, string?>(StringComparer.Ordinal) { ["Ingestion:Mqtt:Enabled"] = "false" });
        await host.RegisterAsync(Some.H2S());
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Readings_posted_with_the_tenants_key_are_stored_before_200()
    {
        var now = DateTimeOffset.UtcNow;
        using var response = await host.PostTelemetryAsync($"[{Some.HttpReading(now, 4.2)},{Some.HttpReading(now.AddSeconds(1), 13.93865, unit: "mg/m³")}]");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var stored = await host.Get<ITelemetryStore>().QueryAsync(Some.Tenant, "h2s-1", now.AddMinutes(-1), now.AddMinutes(1), CancellationToken.None);
        Assert.Equal([4.2, 10.0], stored.Select(s => Math.Round(s.Reading.Value, 3)));
        Assert.Equal("mg/m³", stored[1].Reading.RawUnit);
    }

    [Fact]
    public async Task Without_a_key_the_answer_is_401_and_nothing_is_stored()
    {
        host.Http.DefaultRequestHeaders.Remove(HttpIngestionOptions.ApiKeyHeader);
        using var response = await host.PostTelemetryAsync($"[{Some.HttpReading(DateTimeOffset.UtcNow, 1)}]");
        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task Malformed_JSON_is_a_400_problem_and_a_dead_letter()
    {
        using var response = await host.PostTelemetryAsync("[{\"tenant\":");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.EndsWith(RejectionReasons.MalformedJson, problem.RootElement.GetProperty("type").GetString(), StringComparison.Ordinal);
        var letter = Assert.Single(await host.Get<IDeadLetterStore>().ListAsync(Some.Tenant, 0, 10, CancellationToken.None)).Letter;
        Assert.Equal(RejectionReasons.MalformedJson, letter.Reason);
        Assert.Equal("http", letter.Transport);
    }

    [Fact]
    public async Task Some_readings_refused_is_a_422_listing_them_while_the_others_are_stored()
    {
        var now = DateTimeOffset.UtcNow;
        var body = $"[{Some.HttpReading(now, 1)},{Some.HttpReading(now, 2, sensor: "nobody")},{Some.HttpReading(now, 3, tenant: "other-co")}]";
        using var response = await host.PostTelemetryAsync(body);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(1, problem.RootElement.GetProperty("accepted").GetInt32());
        var reasons = problem.RootElement.GetProperty("rejected").EnumerateArray().Select(r => r.GetProperty("reason").GetString()).ToList();
        Assert.Equal([RejectionReasons.UnknownSensor, RejectionReasons.TenantMismatch], reasons);
        Assert.Equal(2, (await host.Get<IDeadLetterStore>().ListAsync(null, 0, 10, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task An_oversize_body_is_a_413_and_a_dead_letter()
    {
        var body = "[" + string.Join(',', Enumerable.Range(0, 1500).Select(i => Some.HttpReading(DateTimeOffset.UtcNow, i, seq: i))) + "]";
        using var response = await host.PostTelemetryAsync(body);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var letter = Assert.Single(await host.Get<IDeadLetterStore>().ListAsync(Some.Tenant, 0, 10, CancellationToken.None)).Letter;
        Assert.Equal(RejectionReasons.PayloadTooLarge, letter.Reason);
    }

    [Fact]
    public async Task Sensors_are_listed_per_tenant_and_registering_twice_conflicts()
    {
        using var list = await host.Http.GetAsync(new Uri($"/api/tenants/{Some.Tenant}/sensors", UriKind.Relative));
        using var sensors = JsonDocument.Parse(await list.Content.ReadAsStringAsync());
        var only = Assert.Single(sensors.RootElement.EnumerateArray());
        Assert.Equal("toxic_gas", only.GetProperty("sensor").GetProperty("kind").GetString());

        using var content = new StringContent(Some.Json(Some.H2S()), System.Text.Encoding.UTF8, "application/json");
        using var again = await host.Http.PostAsync(new Uri($"/api/tenants/{Some.Tenant}/sensors", UriKind.Relative), content);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        using var foreign = await host.Http.GetAsync(new Uri("/api/tenants/other-co/sensors", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
    }

    [Fact]
    public async Task The_registry_is_rebuilt_from_the_ledger_when_the_service_starts_again()
    {
        await host.DisposeAsync();
        host = await IngestionHost.StartAsync(folder.Path, new Dictionary<string, string?>(StringComparer.Ordinal) { ["Ingestion:Mqtt:Enabled"] = "false" });

        using var response = await host.PostTelemetryAsync($"[{Some.HttpReading(DateTimeOffset.UtcNow, 1)}]");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
