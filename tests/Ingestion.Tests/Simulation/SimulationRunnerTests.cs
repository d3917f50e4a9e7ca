using SafetyLedger.Ingestion.Registry;
using SafetyLedger.Ingestion.Simulation;
using SafetyLedger.Ingestion.Telemetry;
using SafetyLedger.Ingestion.Tests.Support;

namespace SafetyLedger.Ingestion.Tests.Simulation;

public sealed class SimulationRunnerTests
{
    [Fact]
    public async Task A_gas_leak_simulation_is_published_over_MQTT_and_every_reading_is_accepted()
    {
        using var folder = new TempFolder();
        await using var host = await IngestionHost.StartAsync(folder.Path);
        var options = new SimulationOptions
        {
            Tenant = Some.Tenant,
            Site = Some.Site,
            Rate = 40,
            Sensors = 4,
            Scenario = Scenario.GasLeak,
            BrokerPort = host.MqttPort,
            Duration = TimeSpan.FromSeconds(3),
            FailureAfter = TimeSpan.FromSeconds(1),
            KeyId = TestMqttClients.DeviceKeyId,
            Key = TestMqttClients.DeviceKey,
        };
        var runner = new SimulationRunner(options, TimeProvider.System);
        foreach (var sensor in runner.Sensors())
        {
            await host.RegisterAsync(sensor);
        }

        using var progress = new StringWriter();
        var published = await runner.RunAsync(progress, CancellationToken.None);

        Assert.True(published >= 12, $"only {published} published in 3 s at 40/s"); // a tenth of the schedule: robust on a loaded machine
        Assert.Equal(published, host.Get<IngestionMetrics>().Accepted);
        Assert.Contains("simulate:", progress.ToString(), StringComparison.Ordinal);
        Assert.Contains(runner.Sensors(), s => s.Kind == SensorKind.FlammableGas);
    }
}
