using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SafetyLedger.Ingestion.Registry;
using SafetyLedger.Ingestion.Simulation;
using SafetyLedger.Ingestion.Transport;
using SafetyLedger.Ledger.Events;
using SafetyLedger.RegulatorGateway.Access;

namespace SafetyLedger.Host.Serving;

/// <summary>
/// For a first run: registers the simulator's sensors (ledger entries) and publishes a realistic
/// scenario over MQTT QoS 1 to the service's own broker, so readings flow through ingestion,
/// digests, the risk core and the ledger. Off with <c>--no-demo</c>.
/// </summary>
internal sealed partial class DemoSimulation(
    SensorRegistrar registrar,
    AccessAdministration access,
    AccessDirectory directory,
    IOptions<DemoOptions> demo,
    IOptions<MqttTransportOptions> mqtt,
    TimeProvider time,
    ILogger<DemoSimulation> logger) : BackgroundService
{
    private const string Actor = "demo";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = new SimulationOptions
        {
            Scenario = demo.Value.Scenario,
            Rate = demo.Value.Rate,
            Sensors = demo.Value.Sensors,
            FailureAfter = demo.Value.FailureAfter,
            FailureRamp = demo.Value.FailureRamp,
            BrokerHost = mqtt.Value.Host,
            BrokerPort = mqtt.Value.Port,
        };
        if (directory.FindEnterprise(options.Tenant) is null)
        {
            await access.RegisterEnterpriseAsync(new RegisterEnterpriseRequest(options.Tenant, demo.Value.Region, demo.Value.EnterpriseName), Actor, stoppingToken);
        }

        string? ownKey = null;
        if (demo.Value.DeviceKeyId is { } keyId)
        {
            (options.KeyId, options.Key) = (keyId, demo.Value.DeviceKey);
        }
        else
        {
            var created = await access.CreateKeyAsync(new CreateKeyRequest(Roles.Device, options.Tenant, Name: "demo simulator"), Actor, stoppingToken);
            (options.KeyId, options.Key, ownKey) = (created.Record.Id, created.Secret, created.Record.Id);
        }

        try
        {
            await RunAsync(options, stoppingToken);
        }
        finally
        {
            if (ownKey is not null)
            {
                await access.RevokeKeyAsync(ownKey, "demo stopped", Actor, CancellationToken.None);
            }
        }
    }

    private async Task RunAsync(SimulationOptions options, CancellationToken stoppingToken)
    {
        var runner = new SimulationRunner(options, time);
        foreach (var sensor in runner.Sensors())
        {
            try
            {
                var (_, problems) = await registrar.RegisterAsync(options.Tenant, sensor, Actor, stoppingToken);
                if (problems.Count > 0)
                {
                    LogRegistrationRefused(sensor.Id, string.Join("; ", problems));
                }
            }
            catch (WrongExpectedVersionException)
            {
                // Registered on an earlier run.
            }
        }

        LogStarting(options.Scenario, options.Sensors, options.Rate, runner.AffectedSensor()?.Id ?? "none", options.FailureAfter);
        try
        {
            // Give the embedded broker a moment to listen.
            await Task.Delay(TimeSpan.FromSeconds(1), time, stoppingToken);
            var published = await runner.RunAsync(TextWriter.Null, stoppingToken);
            LogFinished(published);
        }
        catch (Exception ex) when (ex is OperationCanceledException or MQTTnet.Exceptions.MqttCommunicationException && stoppingToken.IsCancellationRequested)
        {
            // Shutting down: a publish under way when the broker stops ends in MQTTnet's timeout, not a cancellation.
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: simulating {Scenario} with {Sensors} sensors at {Rate} readings/s; sensor {Affected} fails after {FailureAfter}")]
    private partial void LogStarting(Scenario scenario, int sensors, double rate, string affected, TimeSpan failureAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo: sensor {Sensor} was not registered: {Problems}")]
    private partial void LogRegistrationRefused(string sensor, string problems);

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo: simulation ended after {Published} readings")]
    private partial void LogFinished(long published);
}
