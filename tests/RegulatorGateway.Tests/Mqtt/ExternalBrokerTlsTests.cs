using System.Globalization;
using System.Net;
using System.Text;
using MQTTnet;
using SafetyLedger.Ingestion.Telemetry;
using SafetyLedger.RegulatorGateway.Tests.Support;
using SafetyLedger.RiskCore.Response;

namespace SafetyLedger.RegulatorGateway.Tests.Mqtt;

/// <summary>
/// External-broker mode end to end over TLS: a real Mosquitto with a private CA, no anonymous access and the files of
/// <c>ledger mqtt config</c>; the service consumes readings and publishes signed DCS commands with its own user.
/// </summary>
public sealed class ExternalBrokerTlsTests : IAsyncLifetime
{
    private const string A = GatewayService.Tenant;
    private readonly Dictionary<string, string?> settings = new(StringComparer.Ordinal);
    private GatewayService service = null!;
    private TestBroker broker = null!;

    public async Task InitializeAsync()
    {
        service = await GatewayService.StartAsync(settings, async seeded =>
        {
            broker = await TestBroker.StartAsync(seeded.DataDirectory, tls: true);
            var port = broker.Port.ToString(CultureInfo.InvariantCulture);
            foreach (var (section, user) in new[] { ("Ingestion:Mqtt", "UserName"), ("RiskCore:Dcs", "Username") })
            {
                settings[$"{section}:Host"] = "127.0.0.1";
                settings[$"{section}:Port"] = port;
                settings[$"{section}:Tls"] = "true";
                settings[$"{section}:TlsCaFile"] = broker.CaFile;
                settings[$"{section}:{user}"] = broker.ServiceUser.Id;
                settings[$"{section}:Password"] = broker.ServiceUser.Key;
            }

            settings["Ingestion:Mqtt:Mode"] = "External";
            settings["Ingestion:Mqtt:ClientId"] = "safety-ledger-tls-test";
        });
    }

    public async Task DisposeAsync()
    {
        await service.DisposeAsync();
        await broker.DisposeAsync();
    }

    [Fact]
    public async Task Readings_arrive_and_signed_commands_leave_through_a_TLS_broker_that_refuses_plain_connections()
    {
        using var manager = service.Client("safety-manager");
        using var registered = await manager.PostAsync(
            new Uri($"/api/v1/enterprises/{A}/sensors", UriKind.Relative),
            new StringContent("""{"id":"h2s-1","kind":"toxic_gas","unit":"ppm","site":"plant-1","expectedPeriodSeconds":1,"rangeMin":0,"rangeMax":500}""", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.Created, registered.StatusCode);

        var (plain, plainCode) = await MqttProbe.ConnectAsync(broker.Port, service.Key("device"));
        await plain.DisposeAsync();
        Assert.NotEqual(MqttClientConnectResultCode.Success, plainCode);

        var (device, deviceCode) = await MqttProbe.ConnectAsync(broker.Port, service.Key("device"), tlsCaFile: broker.CaFile);
        var (dcs, dcsCode) = await MqttProbe.ConnectAsync(broker.Port, service.Key("dcs"), tlsCaFile: broker.CaFile);
        await using (device)
        await using (dcs)
        {
            Assert.Equal(MqttClientConnectResultCode.Success, deviceCode);
            Assert.Equal(MqttClientConnectResultCode.Success, dcsCode);
            Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await dcs.SubscribeAsync($"sl/{A}/+/dcs/cmd"));
            var now = DateTimeOffset.UtcNow;
            await device.PublishAsync($"sl/{A}/plant-1/h2s-1/data", $$"""{"ts":"{{now:O}}","value":4.5,"unit":"ppm","seq":1}""");

            var store = service.Get<ITelemetryStore>();
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            while ((await store.QueryAsync(A, "h2s-1", now.AddMinutes(-1), now.AddMinutes(1), CancellationToken.None)).Count == 0)
            {
                await Task.Delay(100, deadline.Token);
            }

            await Drills.RaiseRedAlertAsync(service);
            var (topic, payload) = await dcs.NextAsync(TimeSpan.FromSeconds(20));
            var keys = await Drills.LogKeysAsync(service);
            Assert.Equal($"sl/{A}/plant-1/dcs/cmd", topic);
            Assert.Null(DcsCommandVerifier.Check(payload, keys, A, "plant-1"));
        }
    }
}
