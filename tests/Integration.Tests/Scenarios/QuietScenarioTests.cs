using Microsoft.Data.Sqlite;
using SafetyLedger.Ingestion.Simulation;

namespace SafetyLedger.Integration.Tests.Scenarios;

/// <summary>Scenarios without a process failure: over as many readings as a failure scenario takes, nothing above Yellow.</summary>
public sealed class QuietScenarioTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    /// <summary>The readings a failure scenario publishes until its failure has fully developed, and a few seconds more.</summary>
    private static readonly long Readings = (long)((ScenarioService.FailureAfter + ScenarioService.FailureRamp).TotalSeconds * ScenarioService.Rate) + 400;

    [Fact]
    public async Task A_normal_plant_raises_no_alert_above_Yellow()
    {
        await using var service = await ScenarioService.StartAsync(Scenario.Normal);

        await service.WaitForProcessedAsync(Readings, Timeout);

        var alerts = await service.AlertsAsync();
        Assert.DoesNotContain(alerts, a => (string?)a!["level"] is "orange" or "red");
    }

    [Fact]
    public async Task Sensor_clocks_running_four_minutes_ahead_are_corrected_without_dead_letters_or_alerts_above_Yellow()
    {
        await using var service = await ScenarioService.StartAsync(Scenario.ClockSkew);

        await service.WaitForProcessedAsync(Readings, Timeout);
        var alerts = await service.AlertsAsync();
        await service.StopAsync();

        Assert.True(alerts.Count <= 1, alerts.ToJsonString());
        Assert.DoesNotContain(alerts, a => (string?)a!["level"] is "orange" or "red");
        var skew = new SimulationOptions().ClockSkew;
        await using var telemetry = new SqliteConnection($"Data Source={Path.Combine(service.DataDirectory, "telemetry.db")};Mode=ReadOnly;Pooling=False");
        await telemetry.OpenAsync();
        var stored = await ScalarAsync(telemetry, "SELECT COUNT(*) FROM readings");
        var corrected = await ScalarAsync(telemetry, "SELECT COUNT(*) FROM readings WHERE quality LIKE '%clock_corrected%'");
        // Corrected onto the arrival timeline: 4 min before the source stamp, near arrival (slack for a loaded machine's delays).
        var slack = TimeSpan.FromSeconds(10).Ticks;
        var ahead = await ScalarAsync(telemetry, $"SELECT COUNT(*) FROM readings WHERE ABS(source_ticks - corrected_ticks - {skew.Ticks}) < {slack}");
        var arrival = await ScalarAsync(telemetry, $"SELECT COUNT(*) FROM readings WHERE ABS(received_ticks - corrected_ticks) < {slack}");
        var deadLetters = await ScalarAsync(telemetry, "SELECT COUNT(*) FROM dead_letters");
        Assert.True(stored >= Readings, $"{stored} readings stored");
        Assert.Equal(stored, corrected);
        Assert.Equal(stored, ahead);
        Assert.Equal(stored, arrival);
        Assert.Equal(0, deadLetters);
    }

    private static async Task<long> ScalarAsync(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)(await command.ExecuteScalarAsync())!;
    }
}
