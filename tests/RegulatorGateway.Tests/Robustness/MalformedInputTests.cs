using System.Net;
using System.Text;
using MQTTnet;
using SafetyLedger.Ingestion.DeadLetters;
using SafetyLedger.RegulatorGateway.Tests.Support;

namespace SafetyLedger.RegulatorGateway.Tests.Robustness;

/// <summary>
/// A seeded generator sends 10,000 malformed HTTP requests (bodies, query strings, headers, ids) and 10,000 malformed
/// MQTT payloads to the real service: no answer is a 5xx, every refusal is a ProblemDetails or a dead letter with a
/// reason, the service keeps answering, and its managed memory stays bounded.
/// </summary>
public sealed class MalformedInputTests : IAsyncLifetime
{
    private const int Requests = 10_000;
    private const int Payloads = 10_000;
    private const string A = GatewayService.Tenant;
    private GatewayService service = null!;

    private static readonly string[] Templates =
    [
        "GET /api/v1/enterprises/{e}/alerts?limit={v}&cursor={v}&state={v}&site={v}",
        "GET /api/v1/enterprises/{e}/alerts/{id}",
        "POST /api/v1/enterprises/{e}/alerts/{id}/acknowledge",
        "POST /api/v1/enterprises/{e}/alerts/{id}/resolve",
        "POST /api/v1/enterprises/{e}/alerts/{id}/override",
        "GET /api/v1/enterprises/{e}/quality?period={v}&from={v}&until={v}",
        "GET /api/v1/enterprises/{e}/deadletters?after={v}&limit={v}",
        "GET /api/v1/enterprises/{e}/sensors",
        "POST /api/v1/enterprises/{e}/sensors",
        "POST /api/v1/telemetry",
        "GET /api/v1/log/entries/{v}",
        "GET /api/v1/log/bundles/{v}",
        "GET /api/v1/log/proofs/inclusion?index={v}&treeSize={v}",
        "GET /api/v1/log/proofs/consistency?size1={v}&size2={v}",
        "POST /api/v1/admin/keys",
        "POST /api/v1/admin/keys/{id}/revoke",
        "POST /api/v1/admin/enterprises",
        "GET /api/v1/me",
    ];

    public async Task InitializeAsync() => service = await GatewayService.StartAsync();

    public async Task DisposeAsync() => await service.DisposeAsync();

    [Fact]
    public async Task Ten_thousand_malformed_requests_get_clear_4xx_problems_and_never_a_5xx()
    {
        var input = new MalformedInput(20261208);
        var keys = new[] { "operator", "safety-manager", "device", "admin", "regulator", "auditor" }.Select(r => service.Key(r).Key).ToList();
        using var http = new HttpClient { BaseAddress = service.BaseAddress };
        var statuses = new Dictionary<int, int>();
        var failures = new List<string>();
        GC.Collect();
        var before = GC.GetTotalMemory(forceFullCollection: true);
        for (var i = 0; i < Requests; i++)
        {
            var template = input.Pick(Templates);
            var method = template[..template.IndexOf(' ', StringComparison.Ordinal)];
            var path = Fill(template[(method.Length + 1)..], input);
            using var request = new HttpRequestMessage(new HttpMethod(method), new Uri(path, UriKind.Relative));
            if (input.Key(keys) is { } key)
            {
                request.Headers.TryAddWithoutValidation("X-Api-Key", key);
            }

            if (method == "POST")
            {
                request.Content = new StringContent(input.Body(), Encoding.UTF8);
                request.Content.Headers.TryAddWithoutValidation("Content-Type", input.ContentType());
            }

            using var response = await http.SendAsync(request);
            var code = (int)response.StatusCode;
            statuses[code] = statuses.GetValueOrDefault(code) + 1;
            // Kestrel itself refuses a request target with an encoded NUL (400, no body) before any middleware runs.
            var refusedByServer = code == 400 && path.Contains("%00", StringComparison.Ordinal) && response.Content.Headers.ContentLength == 0;
            if (code >= 500 || (code >= 400 && !refusedByServer && response.Content.Headers.ContentType?.MediaType != "application/problem+json"))
            {
                failures.Add($"{method} {path}: {code} {response.Content.Headers.ContentType?.MediaType} {await response.Content.ReadAsStringAsync()}");
            }
        }

        GC.Collect();
        var after = GC.GetTotalMemory(forceFullCollection: true);
        using var health = await http.GetAsync(new Uri("/healthz", UriKind.Relative));
        Assert.True(failures.Count == 0, $"{failures.Count} bad answers, e.g.:\n{string.Join('\n', failures.Take(10))}");
        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.True(after - before < 64L << 20, $"managed memory grew by {(after - before) >> 20} MiB over {Requests} requests");
        Assert.True(statuses.Where(s => s.Key >= 400).Sum(s => s.Value) > Requests / 2, "the generator should mostly produce refusals: " + string.Join(", ", statuses));
    }

    [Fact]
    public async Task Ten_thousand_malformed_MQTT_payloads_each_become_a_dead_letter_with_a_reason_and_the_broker_stays_up()
    {
        var input = new MalformedInput(1208);
        var (device, _) = await MqttProbe.ConnectAsync(service.MqttPort, service.Key("device"));
        await using (device)
        {
            for (var sent = 0; sent < Payloads; sent += 100)
            {
                var batch = Enumerable.Range(0, 100).Select(_ => device.PublishAsync($"sl/{A}/plant-1/{input.Pick(new[] { "h2s-1", "nobody", "x" })}/data", Encoding.UTF8.GetString(input.Payload()))).ToList();
                foreach (var code in await Task.WhenAll(batch))
                {
                    Assert.True(code is MqttClientPublishReasonCode.Success or MqttClientPublishReasonCode.NoMatchingSubscribers, $"PUBACK {code}");
                }
            }

            var letters = new List<StoredDeadLetter>();
            for (long after = 0; ;)
            {
                var page = await service.Get<IDeadLetterStore>().ListAsync(A, after, 1000, CancellationToken.None);
                if (page.Count == 0)
                {
                    break;
                }

                letters.AddRange(page);
                after = page[^1].Id;
            }

            Assert.Equal(Payloads, letters.Count);
            Assert.All(letters, l => Assert.False(string.IsNullOrEmpty(l.Letter.Reason)));
            var (probe, connected) = await MqttProbe.ConnectAsync(service.MqttPort, service.Key("device"));
            await probe.DisposeAsync();
            Assert.Equal(MqttClientConnectResultCode.Success, connected);
        }
    }

    private static string Fill(string template, MalformedInput input)
    {
        var text = new StringBuilder(template);
        text.Replace("{e}", input.Pick(new[] { A, A, GatewayService.OtherTenant, input.Id() }));
        var result = text.ToString();
        while (result.Contains("{id}", StringComparison.Ordinal))
        {
            result = ReplaceFirst(result, "{id}", input.Id());
        }

        while (result.Contains("{v}", StringComparison.Ordinal))
        {
            result = ReplaceFirst(result, "{v}", Uri.EscapeDataString(input.Value()));
        }

        return result;
    }

    private static string ReplaceFirst(string text, string token, string value)
    {
        var at = text.IndexOf(token, StringComparison.Ordinal);
        return text[..at] + value + text[(at + token.Length)..];
    }
}
