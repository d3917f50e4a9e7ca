using Microsoft.Data.Sqlite;
using SafetyLedger.Ingestion.Digests;
using SafetyLedger.Ingestion.Quality;
using SafetyLedger.Ingestion.Tests.Support;
using SafetyLedger.Ledger.Events;

namespace SafetyLedger.Ingestion.Tests.Digests;

public sealed class TelemetryDigestVerifierTests : IAsyncLifetime, IDisposable
{
    private readonly TempFolder folder = new();
    private IngestionHost host = null!;

    public async Task InitializeAsync()
    {
        host = await IngestionHost.StartAsync(folder.Path, new Dictionary<string, string?>(StringComparer.Ordinal) { ["Ingestion:Mqtt:Enabled"] = "false" });
        await host.RegisterAsync(Some.H2S());
        var now = DateTimeOffset.UtcNow;
        var readings = string.Join(',', Enumerable.Range(0, 20).Select(i => Some.HttpReading(now.AddMilliseconds(-50 * i), 1 + (i * 0.25), seq: i)));
        Assert.True((await host.IngestHttpAsync($"[{readings}]")).FullyAccepted);
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        Assert.NotEmpty(await host.Get<DigestSealer>().SealDueAsync(CancellationToken.None));
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Untouched_telemetry_verifies_against_its_ledger_digests()
    {
        var report = await host.Get<TelemetryDigestVerifier>().VerifyAsync(null, CancellationToken.None);
        Assert.True(report.Passed, string.Join('\n', report.Findings.Select(f => f.Message)));
        Assert.Equal(20, report.ReadingsChecked);
    }

    [Fact]
    public async Task Editing_one_stored_reading_is_caught()
    {
        await TamperAsync("UPDATE readings SET value = value + 0.001 WHERE id = (SELECT min(id) + 7 FROM readings)");

        var report = await TelemetryDigestVerifier.VerifyDataDirectoryAsync(folder.Path, host.Get<IEventStore>(), null, CancellationToken.None);

        Assert.False(report!.Passed);
        Assert.Contains(report.Findings, f => f.Message.Contains("hash to", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Deleting_a_stored_reading_is_caught()
    {
        await TamperAsync("DELETE FROM readings WHERE id = (SELECT max(id) FROM readings)");
        var report = await host.Get<TelemetryDigestVerifier>().VerifyAsync(null, CancellationToken.None);
        Assert.Contains(report.Findings, f => f.Message.Contains("readings stored", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Quality_rollups_link_the_digests_they_were_computed_from()
    {
        await host.Get<QualityRollupService>().RollUpAsync(DateTimeOffset.UtcNow, CancellationToken.None);
        var rows = await host.Get<IQualityStore>().ListAsync(Some.Tenant, QualityPeriod.Hour, DateTimeOffset.UtcNow.AddHours(-2), DateTimeOffset.UtcNow, CancellationToken.None);
        var sensor = Assert.Single(rows, r => r.SensorId == "h2s-1" && r.Readings > 0);
        Assert.NotEmpty(sensor.DigestPositions);
        Assert.Equal(1.0, sensor.Validity);
        Assert.Equal(1.0, sensor.Timeliness);
        var tenant = Assert.Single(rows, r => r.SensorId == QualityCalculator.TenantRow && r.Readings > 0);
        Assert.Equal(1.0, tenant.AccessRate);
    }

    private async Task TamperAsync(string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={Path.Combine(folder.Path, "telemetry.db")};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }
}
