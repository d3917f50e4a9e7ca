using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using SafetyLedger.Host.Serving;
using SafetyLedger.Integration.Tests.Support;
using SafetyLedger.Ledger.Events;

namespace SafetyLedger.Integration.Tests.Ledger;

public sealed class LogApiTests : IAsyncLifetime
{
    private readonly TempDirectory data = new();
    private WebApplication? app;
    private HttpClient client = new();

    public async Task InitializeAsync()
    {
        var mqtt = FreePort.Next().ToString(System.Globalization.CultureInfo.InvariantCulture);
        app = ServiceHost.Build(new ServeSettings(data.Path, "http://127.0.0.1:0", Demo: false, new Dictionary<string, string?>
        {
            ["Ledger:Checkpoints:Period"] = "00:00:00.200",
            ["Ingestion:Mqtt:Port"] = mqtt,
            ["RiskCore:Dcs:Port"] = mqtt,
        }));
        await app.StartAsync();
        client = ServiceClients.Admin(app.Urls.First(), data.Path);
        var events = app.Services.GetRequiredService<IEventStore>();
        for (var i = 0; i < 20; i++)
        {
            var payload = Encoding.UTF8.GetBytes($"{{\"i\":{i}}}");
            await events.AppendAsync(new AppendRequest($"hazard-{i % 3}", ExpectedVersion.Any, [new EventData("HazardReported", "tenant-a", DateTimeOffset.UnixEpoch, payload)]), CancellationToken.None);
        }

        await WaitForCheckpointAsync(20);
    }

    public async Task DisposeAsync()
    {
        client.Dispose();
        if (app is not null)
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }

        data.Dispose();
    }

    [Fact]
    public async Task Health_reports_ok_with_the_entry_count()
    {
        using var document = JsonDocument.Parse(await client.GetStringAsync(new Uri("/healthz", UriKind.Relative)));

        Assert.Equal("ok", document.RootElement.GetProperty("status").GetString());
        Assert.Equal(20, document.RootElement.GetProperty("entries").GetInt64());
    }

    [Fact]
    public async Task The_latest_checkpoint_verifies_against_the_published_key_with_the_cli()
    {
        var note = await SaveAsync("/api/v1/log/checkpoint");
        var key = (await client.GetStringAsync(new Uri("/api/v1/log/keys", UriKind.Relative))).Trim();

        var result = await Cli.RunAsync("note", "verify", "--vkey", key, note);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("safety-ledger.local/log\n20\n", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Served_inclusion_and_consistency_proofs_verify_with_the_cli()
    {
        var inclusion = await SaveAsync("/api/v1/log/proofs/inclusion?index=7");
        var consistency = await SaveAsync("/api/v1/log/proofs/consistency?size1=5");

        Assert.Equal(0, (await Cli.RunAsync("proof", "verify-inclusion", inclusion)).ExitCode);
        Assert.Equal(0, (await Cli.RunAsync("proof", "verify-consistency", consistency)).ExitCode);
    }

    [Fact]
    public async Task An_auditor_bundle_verifies_offline_and_fails_with_one_flipped_byte()
    {
        var key = (await client.GetStringAsync(new Uri("/api/v1/log/keys", UriKind.Relative))).Trim();
        var bundle = await SaveAsync("/api/v1/log/bundles/11");

        var good = await Cli.RunAsync("verify", "--bundle", bundle, "--vkey", key);
        Assert.True(good.ExitCode == 0, good.ToString());

        using var document = JsonDocument.Parse(await File.ReadAllTextAsync(bundle));
        var entry = Convert.FromBase64String(document.RootElement.GetProperty("entry").GetString()!);
        entry[^3] ^= 0x01;
        var tampered = Path.Combine(data.Path, "tampered.json");
        var json = (await File.ReadAllTextAsync(bundle)).Replace(document.RootElement.GetProperty("entry").GetString()!, Convert.ToBase64String(entry), StringComparison.Ordinal);
        await File.WriteAllTextAsync(tampered, json);

        var bad = await Cli.RunAsync("verify", "--bundle", tampered, "--vkey", key);
        Assert.Equal(1, bad.ExitCode);
    }

    [Theory]
    [InlineData("/api/v1/log/proofs/inclusion?index=99", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/log/proofs/inclusion", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/log/proofs/consistency?size1=0", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/log/proofs/consistency?size1=5&size2=4", HttpStatusCode.BadRequest)]
    [InlineData("/api/v1/log/entries/999", HttpStatusCode.NotFound)]
    [InlineData("/api/v1/log/bundles/999", HttpStatusCode.NotFound)]
    public async Task Bad_requests_get_problem_details(string path, HttpStatusCode status)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("detail").GetString()));
    }

    [Fact]
    public async Task An_entry_is_served_as_its_stored_bytes()
    {
        var bytes = await client.GetByteArrayAsync(new Uri("/api/v1/log/entries/4", UriKind.Relative));

        using var document = JsonDocument.Parse(bytes);
        Assert.Equal(4, document.RootElement.GetProperty("position").GetInt64());
        Assert.Equal("hazard-1", document.RootElement.GetProperty("stream").GetString());
    }

    private async Task<string> SaveAsync(string path)
    {
        var text = await client.GetStringAsync(new Uri(path, UriKind.Relative));
        var file = Path.Combine(data.Path, Guid.NewGuid().ToString("N") + ".txt");
        await File.WriteAllTextAsync(file, text);
        return file;
    }

    private async Task WaitForCheckpointAsync(long size)
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            using var response = await client.GetAsync(new Uri("/api/v1/log/checkpoint", UriKind.Relative));
            if (response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync()).Contains($"\n{size}\n", StringComparison.Ordinal))
            {
                return;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No checkpoint of size {size} was issued within 10 s.");
    }
}
