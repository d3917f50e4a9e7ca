using System.Net;
using System.Text.Json;
using SafetyLedger.RegulatorGateway.Tests.Support;

namespace SafetyLedger.RegulatorGateway.Tests.Access;

/// <summary>The key and enterprise verbs while the service runs: they go through it (one writer), and take effect at once.</summary>
public sealed class AccessCliTests : IAsyncLifetime
{
    private GatewayService service = null!;

    public async Task InitializeAsync() => service = await GatewayService.StartAsync();

    public async Task DisposeAsync() => await service.DisposeAsync();

    [Fact]
    public async Task Keys_created_and_revoked_through_the_running_service_work_and_stop_working_at_once()
    {
        var data = service.DataDirectory;
        var added = await CliRun.RunAsync("enterprises", "add", "--data", data, "--id", "gamma", "--region", "320583", "--name", "Gamma 化工");
        var created = await CliRun.RunAsync("keys", "create", "--data", data, "--role", "operator", "--tenant", "gamma", "--name", "night shift");
        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.True(created.ExitCode == 0, created.ToString());
        using var key = JsonDocument.Parse(created.Output);
        Assert.Equal(["id", "key"], key.RootElement.EnumerateObject().Select(p => p.Name));

        using var http = service.Client(null);
        http.DefaultRequestHeaders.Add("X-Api-Key", key.RootElement.GetProperty("key").GetString());
        using var before = await http.GetAsync(new Uri("/api/v1/enterprises/gamma/alerts", UriKind.Relative));
        var revoked = await CliRun.RunAsync("keys", "revoke", key.RootElement.GetProperty("id").GetString()!, "--data", data, "--reason", "left");
        using var after = await http.GetAsync(new Uri("/api/v1/enterprises/gamma/alerts", UriKind.Relative));
        var listed = await CliRun.RunAsync("keys", "list", "--data", data);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        Assert.True(revoked.ExitCode == 0, revoked.ToString());
        Assert.Equal(HttpStatusCode.Unauthorized, after.StatusCode);
        Assert.Contains("revoked", await after.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(key.RootElement.GetProperty("key").GetString()!, listed.Output, StringComparison.Ordinal);
        Assert.Contains("\"revokedAt\"", listed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Refused_commands_exit_1_with_the_reason_and_usage_errors_exit_2()
    {
        var data = service.DataDirectory;
        var ambiguous = await CliRun.RunAsync("enterprises", "add", "--data", data, "--id", GatewayService.Tenant + "-b", "--region", "320582", "--name", "Ambiguous");
        var unknownRole = await CliRun.RunAsync("keys", "create", "--data", data, "--role", "root");
        var tenantless = await CliRun.RunAsync("keys", "create", "--data", data, "--role", "operator");
        var noRole = await CliRun.RunAsync("keys", "create", "--data", data);
        var missing = await CliRun.RunAsync("keys", "revoke", "k00000000000000000000", "--data", data);

        Assert.Equal(1, ambiguous.ExitCode);
        Assert.Contains("ambiguous", ambiguous.Error, StringComparison.Ordinal);
        Assert.Equal(1, unknownRole.ExitCode);
        Assert.Contains("role", unknownRole.Error, StringComparison.Ordinal);
        Assert.Equal(1, tenantless.ExitCode);
        Assert.Contains("tenant", tenantless.Error, StringComparison.Ordinal);
        Assert.Equal(2, noRole.ExitCode);
        Assert.Equal(1, missing.ExitCode);
    }
}
