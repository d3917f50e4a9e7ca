using System.CommandLine;
using System.Globalization;
using SafetyLedger.Ingestion.Simulation;

namespace SafetyLedger.Host.Cli;

/// <summary>
/// <c>ledger simulate --rate N --sensors N --scenario normal|gas-leak|bearing-wear|stuck-sensor|clock-skew|dropout
/// [--broker host:port] [--duration 10m] [--failure-after 2m] [--key-id ID --key KEY] [--register URL --api-key KEY]</c>: publish a
/// realistic plant over MQTT QoS 1, after registering its sensors with the service when <c>--register</c> is given.
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

    private static readonly TimeSpan DefaultFailureAfter = new SimulationOptions().FailureAfter;

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
        var register = new Option<string?>("--register") { Description = "Register the simulated sensors first with the service at this URL (e.g. http://127.0.0.1:5080)." };
        var apiKey = new Option<string?>("--api-key") { Description = "A safety manager's key for --register (default: the LEDGER_API_KEY environment variable)." };
        var keyId = new Option<string?>("--key-id") { Description = "The MQTT user name: a device key's id (default: LEDGER_DEVICE_KEY_ID)." };
        var key = new Option<string?>("--key") { Description = "The MQTT password: the device key (default: LEDGER_DEVICE_KEY)." };
        var command = new Command("simulate", "Publish realistic sensor scenarios to MQTT.") { rate, sensors, scenario, broker, duration, failureAfter, tenant, site, register, apiKey, keyId, key };
        command.SetAction(async (result, ct) =>
        {
            var address = result.GetRequiredValue(broker);
            var colon = address.LastIndexOf(':');
            if (colon <= 0 || !int.TryParse(address[(colon + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var port) || result.GetValue(rate) <= 0 || result.GetValue(sensors) <= 0)
            {
                await context.Error.WriteLineAsync("error: --broker must be host:port, and --rate and --sensors positive.");
                return ExitCodes.Usage;
            }

            var options = Options(result, tenant, site, rate, sensors, scenario, duration, failureAfter, keyId, key);
            options.BrokerHost = address[..colon];
            options.BrokerPort = port;

            var runner = new SimulationRunner(options, TimeProvider.System);
            if (result.GetValue(register) is { } service
                && await RegisterAsync(context, runner, options, service, result.GetValue(apiKey) ?? Environment.GetEnvironmentVariable("LEDGER_API_KEY"), ct) is { } refused)
            {
                return refused;
            }

            try
            {
                var published = await runner.RunAsync(context.Error, ct);
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

    private static SimulationOptions Options(
        ParseResult result,
        Option<string> tenant,
        Option<string> site,
        Option<double> rate,
        Option<int> sensors,
        Option<string> scenario,
        Option<TimeSpan?> duration,
        Option<TimeSpan?> failureAfter,
        Option<string?> keyId,
        Option<string?> key) => new()
    {
        Tenant = result.GetRequiredValue(tenant),
        Site = result.GetRequiredValue(site),
        Rate = result.GetValue(rate),
        Sensors = result.GetValue(sensors),
        Scenario = Scenarios[result.GetRequiredValue(scenario)],
        Duration = result.GetValue(duration),
        FailureAfter = result.GetValue(failureAfter) ?? DefaultFailureAfter,
        KeyId = result.GetValue(keyId) ?? Environment.GetEnvironmentVariable("LEDGER_DEVICE_KEY_ID"),
        Key = result.GetValue(key) ?? Environment.GetEnvironmentVariable("LEDGER_DEVICE_KEY"),
    };

    /// <summary>Registers the simulated sensors with the service; returns an exit code when that failed, else null.</summary>
    private static async Task<int?> RegisterAsync(CliContext context, SimulationRunner runner, SimulationOptions options, string url, string? key, CancellationToken ct)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var service) || service.Scheme is not ("http" or "https"))
        {
            await context.Error.WriteLineAsync($"error: --register needs the service's http(s) URL, not '{url}'.");
            return ExitCodes.Usage;
        }

        if (string.IsNullOrEmpty(key))
        {
            await context.Error.WriteLineAsync("error: --register needs the tenant's API key (--api-key or LEDGER_API_KEY).");
            return ExitCodes.Usage;
        }

        try
        {
            using var http = new HttpClient { BaseAddress = service, Timeout = TimeSpan.FromSeconds(30) };
            var created = await new SimulatedSensorRegistration(http, key).RegisterAsync(options.Tenant, runner.Sensors(), ct);
            await context.Error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"simulate: {created} sensors registered, {options.Sensors - created} already were"));
            return null;
        }
        catch (HttpRequestException ex)
        {
            await context.Error.WriteLineAsync($"error: cannot register the sensors at {service}: {ex.Message}");
            return ExitCodes.Failed;
        }
    }
}
