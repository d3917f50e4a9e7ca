using System.Text.Json.Nodes;
using SafetyLedger.Ingestion.Simulation;

namespace SafetyLedger.Integration.Tests.Scenarios;

/// <summary>
/// Issue #5: each simulated failure, published by the real simulator over MQTT to the real service, ends in an
/// alert whose explanation names the failing sensor first and says why. The failing sensors are named here, not taken
/// from the simulator, so a simulator that perturbs the wrong sensor fails these tests.
/// </summary>
public sealed class FailureScenarioTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_gas_leak_raises_a_Red_alert_led_by_the_leaking_H2S_sensor_past_its_alarm_level_and_commands_isolation()
    {
        await using var service = await ScenarioService.StartAsync(Scenario.GasLeak);
        const string leaking = "sim-toxicgas-000";

        var alert = await service.WaitForAlertAsync(a => Level(a) == "red", Timeout);

        // Red either from H2S level 2 or from level 1 corroborated by the joint model; both rank the leaking sensor first.
        Assert.Contains("rules", Detectors(alert));
        var contributions = Contributions(alert);
        Assert.Equal(leaking, (string?)contributions[0]!["sensorId"]);
        Assert.False(string.IsNullOrWhiteSpace((string?)contributions[0]!["reason"]));
        var rule = Assert.Single(contributions, c => ((string?)c!["reason"])!.StartsWith("registered levels (ppm) level", StringComparison.Ordinal))!;
        Assert.Equal(leaking, (string?)rule["sensorId"]);
        Assert.True((double)rule["value"]! >= 10, rule.ToJsonString());
        Assert.Equal(10, (double)rule["normalHigh"]!);
        Assert.DoesNotContain(contributions, c => (string?)c!["sensorId"] != leaking && (double)c["share"]! >= (double)contributions[0]!["share"]!);
        await WaitForInterventionAsync(service, alert);
    }

    [Fact]
    public async Task Bearing_wear_raises_an_Orange_joint_model_alert_led_by_the_worn_bearings_vibration_sensor()
    {
        await using var service = await ScenarioService.StartAsync(Scenario.BearingWear);
        const string vibration = "sim-vibration-002";

        var alert = await service.WaitForAlertAsync(a => Level(a) is "orange" or "red", Timeout);

        Assert.Contains("multivariate", Detectors(alert));
        var first = Contributions(alert)[0]!;
        Assert.Equal(vibration, (string?)first["sensorId"]);
        Assert.Contains("T²/limit", (string?)first["reason"], StringComparison.Ordinal);
        Assert.True((double)first["share"]! > 0.5, first.ToJsonString());
        Assert.True((double)first["value"]! > (double)first["normalHigh"]!, first.ToJsonString());
        Assert.DoesNotContain(Contributions(alert).Skip(1), c => (double)c!["share"]! >= (double)first["share"]!);
    }

    [Fact]
    public async Task A_stuck_sensor_raises_a_Yellow_sensor_fault_alert_naming_it_and_commands_nothing()
    {
        await using var service = await ScenarioService.StartAsync(Scenario.StuckSensor);
        const string stuck = "sim-toxicgas-000";

        var alert = await service.WaitForAlertAsync(a => Detectors(a).Contains("sensor-fault/stuck"), Timeout);

        Assert.Equal("yellow", Level(alert));
        var first = Contributions(alert)[0]!;
        Assert.Equal(stuck, (string?)first["sensorId"]);
        Assert.Contains("stuck: the same value for", (string?)first["reason"], StringComparison.Ordinal);
        Assert.True((double)first["normalLow"]! < (double)first["normalHigh"]!, first.ToJsonString());
        Assert.Equal("none", (string?)alert["intervention"]);
    }

    internal static string? Level(JsonObject alert) => (string?)alert["level"];

    internal static List<string?> Detectors(JsonObject alert) => alert["detectors"]!.AsArray().Select(d => (string?)d).ToList();

    private static JsonArray Contributions(JsonObject alert) => alert["explanation"]!["contributions"]!.AsArray();

    private static async Task WaitForInterventionAsync(ScenarioService service, JsonObject alert)
    {
        var id = (string)alert["alertId"]!;
        var commanded = await service.WaitForAlertAsync(a => (string?)a["alertId"] == id && (string?)a["intervention"] != "none", Timeout);
        Assert.Equal("red", (string?)commanded["interventionLevel"]);
    }
}
