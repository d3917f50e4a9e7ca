using System.CommandLine;
using System.Globalization;
using SafetyLedger.Ingestion.Simulation;

namespace SafetyLedger.Host.Cli;

/// <summary>
/// <c>ledger simulate --rate N --sensors N --scenario normal|gas-leak|bearing-wear|stuck-sensor|clock-skew|dropout
/// [--broker host:port] [--duration 10m] [--failure-after 2m]</c>: publish a realistic plant over MQTT QoS 1.
/// </summary>
internal static class SimulateCommand
{
    private static readonly Dictionary<string, Scenario> Scenarios = new(StringComparer.Ordinal)
    {
        ["normal"] = Scenario.Normal,
        ["gas-leak"] = Scenario.GasLeak,
        ["bearing-wear"] = Scenario.BearingWear,
        ["stuck-sensor"] = Scenario.StuckSensor,
        ["clock-skew"] = Scenario.ClockSkew,
        ["dropout"] = Scenario.Dropout,
    };

    public static Command Create(CliContext context)
    {
        var rate = new Option<double>("--rate") { Description = "Readings per second, all sensors together.", DefaultValueFactory = _ => 10 };
        var sensors = new Option<int>("--sensors") { Description = "Number of simulated sensors.", DefaultValueFactory = _ => 4 };
        var scenario = new Option<string>("--scenario") { Description = string.Join('|', Scenarios.Keys), DefaultValueFactory = _ => "normal" };
        scenario.AcceptOnlyFromAmong([.. Scenarios.Keys]);
        var broker = new Option<string>("--broker") { Description = "MQTT broker host:port.", DefaultValueFactory = _ => "127.0.0.1:1883" };
        var duration = new Option<TimeSpan?>("--duration") { Description = "Stop after this long (e.g. 00:05:00); default: until Ctrl+C." };
        var failureAfter = new Option<TimeSpan?>("--failure-after") { Description = "When the scenario's failure begins (default 00:02:00)." };
        var tenant = new Option<string>("--tenant") { Description = "Tenant in the topics.", DefaultValueFactory = _ => "demo-enterprise" };
        var site = new Option<string>("--site") { Description = "Site in the topics.", DefaultValueFactory = _ => "plant-1" };
        var command = new Command("simulate", "Publish realistic sensor scenarios to MQTT.") { rate, sensors, scenario, broker, duration, failureAfter, tenant, site };
        command.SetAction(async (result, ct) =>
        {
            var address = result.GetRequiredValue(broker);
            var colon = address.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(address[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || result.GetValue(rate) <= 0 || result.GetValue(sensors) <= 0)
            {
                await context.Error.WriteLineAsync("error: --broker must be host:port, and --rate and --sensors positive.");
                return ExitCodes.Usage;
            }

            var options = new SimulationOptions
            {
                Tenant = result.GetRequiredValue(tenant),
                Site = result.GetRequiredValue(site),
                Rate = result.GetValue(rate),
                Sensors = result.GetValue(sensors),
                Scenario = Scenarios[result.GetRequiredValue(scenario)],
                BrokerHost = address[..colon],
                BrokerPort = port,
                Duration = result.GetValue(duration),
            };
            if (result.GetValue(failureAfter) is { } failure)
            {
                options.FailureAfter = failure;
            }

            try
            {
                var published = await new SimulationRunner(options, TimeProvider.System).RunAsync(context.Error, ct);
                await context.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"published {published} readings"));
                return ExitCodes.Ok;
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return ExitCodes.Ok;
            }
            catch (MQTTnet.Exceptions.MqttCommunicationException ex)
            {
                await context.Error.WriteLineAsync($"error: cannot reach the broker at {address}: {ex.Message}");
                return ExitCodes.Failed;
            }
        });
        return command;
    }
}
