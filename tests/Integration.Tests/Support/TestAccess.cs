using System.Text.Json;

namespace SafetyLedger.Integration.Tests.Support;

/// <summary>Seeds a data folder through the CLI (service stopped): an enterprise and a key of a role; returns the key.</summary>
public static class TestAccess
{
    public static async Task<string> SeedAsync(string dataDirectory, string tenant, string role, string region = "320582")
    {
        var enterprises = await Cli.RunAsync("enterprises", "list", "--data", dataDirectory);
        if (!enterprises.Out.Contains($"\"id\":\"{tenant}\"", StringComparison.Ordinal))
        {
            var added = await Cli.RunAsync("enterprises", "add", "--data", dataDirectory, "--id", tenant, "--region", region, "--name", tenant);
            Assert.True(added.ExitCode == 0, added.ToString());
        }

        return await CreateKeyAsync(dataDirectory, "--role", role, "--tenant", tenant);
    }

    public static async Task<string> CreateKeyAsync(string dataDirectory, params string[] args)
    {
        var created = await Cli.RunAsync(["keys", "create", "--data", dataDirectory, .. args]);
        Assert.True(created.ExitCode == 0, created.ToString());
        using var json = JsonDocument.Parse(created.Out);
        return json.RootElement.GetProperty("key").GetString()!;
    }
}
