using System.Globalization;
using System.Text.Json.Nodes;
using MQTTnet;
using MQTTnet.Protocol;
using SafetyLedger.Ingestion.Registry;
using SafetyLedger.Ingestion.Transport;

namespace SafetyLedger.Ingestion.Simulation;

/// <summary>
/// Publishes a simulated plant's readings over MQTT QoS 1 to <c>sl/{tenant}/{site}/{sensor}/data</c>, with
/// a progress line on <paramref name="progress"/> once a second. Register <see cref="Sensors"/> first.
/// </summary>
public sealed class SimulationRunner(SimulationOptions options, TimeProvider time)
{
    private static readonly SensorKind[] Kinds = [SensorKind.ToxicGas, SensorKind.FlammableGas, SensorKind.Vibration, SensorKind.Temperature];

    /// <summary>The sensors the simulation reports for, to register before it runs.</summary>
    public IReadOnlyList<SensorRegistration> Sensors() => Enumerable.Range(0, options.Sensors).Select(i =>
    {
        var kind = Kinds[i % Kinds.Length];
        return new SensorRegistration
        {
            Id = string.Create(CultureInfo.InvariantCulture, $"sim-{kind.ToString().ToLowerInvariant()}-{i:D3}"),
            Kind = kind,
            Site = options.Site,
            Unit = kind switch { SensorKind.ToxicGas => "ppm", SensorKind.FlammableGas => "%LEL", SensorKind.Vibration => "mm/s", _ => "°C" },
            Gas = kind switch { SensorKind.ToxicGas => "H2S", SensorKind.FlammableGas => "CH4", _ => null },
            MolarMass = kind switch { SensorKind.ToxicGas => 34.08, SensorKind.FlammableGas => 16.04, _ => null },
            LowerExplosiveLimit = kind == SensorKind.FlammableGas ? 5 : null,

            // Vendors' H₂S defaults (domain.md §1); gas in % LEL uses the GB/T 50493 levels by default.
            Alarms = kind == SensorKind.ToxicGas ? new AlarmLevels(Level1: 10, Level2: 15) : null,
            ExpectedPeriodSeconds = Math.Max(1, options.Sensors / Math.Max(options.Rate, 0.001)),
        };
    }).ToList();

    /// <summary>The sensor the scenario's failure shows on (the first of <see cref="SignalModel.AffectedKind"/>), or null when there is none.</summary>
    public SensorRegistration? AffectedSensor() => Sensors().FirstOrDefault(s => s.Kind == SignalModel.AffectedKind(options.Scenario));

    /// <summary>Runs until the duration passes or <paramref name="cancellationToken"/> fires; returns the readings published.</summary>
    public async Task<long> RunAsync(TextWriter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(progress);
        using var client = new MqttClientFactory().CreateMqttClient();
        var connect = new MqttClientOptionsBuilder().WithTcpServer(options.BrokerHost, options.BrokerPort).WithClientId("simulator-" + Guid.NewGuid().ToString("N")[..8]);
        if (options.KeyId is not null)
        {
            connect = connect.WithCredentials(options.KeyId, options.Key);
        }

        await client.ConnectAsync(connect.Build(), cancellationToken);
        var sensors = Sensors();
        var affected = AffectedSensor()?.Id;
        var model = new SignalModel(options);
        var start = time.GetUtcNow();
        var interval = TimeSpan.FromSeconds(1 / Math.Max(options.Rate, 0.001));
        var lastReport = start;
        long published = 0;
        long sequence = 0;
        using var timer = new PeriodicTimer(interval, time);
        while (await timer.WaitForNextTickAsync(cancellationToken))
        {
            var now = time.GetUtcNow();
            if (options.Duration is { } duration && now - start >= duration)
            {
                break;
            }

            var index = (int)(sequence % sensors.Count);
            var sensor = sensors[index];
            sequence++;
            if (model.Value(sensor, sensor.Id == affected, now, now - start) is { } value)
            {
                var stamp = options.Scenario == Scenario.ClockSkew ? now + options.ClockSkew : now;
                var payload = new JsonObject { ["ts"] = stamp.ToString("O", CultureInfo.InvariantCulture), ["value"] = value, ["unit"] = sensor.Unit, ["seq"] = sequence };
                var message = new MqttApplicationMessageBuilder()
                    .WithTopic(MqttTopics.Data(options.Tenant, options.Site, sensor.Id))
                    .WithPayload(payload.ToJsonString())
                    .WithQualityOfServiceLevel(MqttQualityOfServiceLevel.AtLeastOnce)
                    .Build();
                await client.PublishAsync(message, cancellationToken);
                published++;
            }

            if (now - lastReport >= TimeSpan.FromSeconds(1))
            {
                lastReport = now;
                await progress.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"simulate: {published} readings published in {(now - start).TotalSeconds:0} s ({options.Scenario}, {sensors.Count} sensors)"));
            }
        }

        await client.DisconnectAsync(new MqttClientDisconnectOptions(), CancellationToken.None);
        return published;
    }
}
