using MQTTnet;
using SafetyLedger.RegulatorGateway.Tests.Support;

namespace SafetyLedger.RegulatorGateway.Tests.Mqtt;

/// <summary>
/// A real Mosquitto (the Debian package scripts/services.d/mosquitto.sh installs) run with <c>allow_anonymous false</c>
/// and the password and ACL files <c>ledger mqtt config</c> writes from the ledger's keys: the same refusals as the
/// embedded broker.
/// </summary>
public sealed class MosquittoAclTests : IAsyncLifetime
{
    private const string A = GatewayService.Tenant;
    private const string B = GatewayService.OtherTenant;
    private GatewayService service = null!;
    private TestBroker broker = null!;

    private int Port => broker.Port;

    private TestKey ServiceUser => broker.ServiceUser;

    public async Task InitializeAsync()
    {
        service = await GatewayService.StartAsync();
        await service.StopAsync();
        broker = await TestBroker.StartAsync(service.DataDirectory);
    }

    public async Task DisposeAsync()
    {
        await broker.DisposeAsync();
        await service.DisposeAsync();
    }

    [Fact]
    public async Task Mosquitto_refuses_what_the_embedded_broker_refuses_and_admits_the_right_keys()
    {
        foreach (var (name, key, password) in new (string, TestKey?, string?)[] { ("anonymous", null, null), ("wrong password", service.Key("device"), "slk_wrong"), ("operator key", service.Key("operator"), null), ("revoked key", service.Key("revoked"), null) })
        {
            var (refused, code) = await MqttProbe.ConnectAsync(Port, key, password: password);
            await refused.DisposeAsync();
            Assert.True(code != MqttClientConnectResultCode.Success, $"{name} connected to Mosquitto");
        }
        var (device, deviceCode) = await MqttProbe.ConnectAsync(Port, service.Key("device"));
        var (dcs, dcsCode) = await MqttProbe.ConnectAsync(Port, service.Key("dcs"));
        var (ledger, ledgerCode) = await MqttProbe.ConnectAsync(Port, ServiceUser);
        await using (device)
        await using (dcs)
        await using (ledger)
        {
            Assert.Equal([MqttClientConnectResultCode.Success, MqttClientConnectResultCode.Success, MqttClientConnectResultCode.Success], new[] { deviceCode, dcsCode, ledgerCode });
            // Mosquitto may grant a filter and withhold each message its read ACL does not allow: judged by delivery.
            foreach (var filter in new[] { "#", $"sl/{B}/+/+/data", $"sl/{B}/deadletter", $"sl/{A}/+/dcs/cmd" })
            {
                await device.SubscribeAsync(filter);
            }

            var (foreign, _) = await MqttProbe.ConnectAsync(Port, service.Key("device@" + B));
            await using (foreign)
            {
                await foreign.PublishAsync($"sl/{B}/plant-1/h2s-1/data", "{}");
                await ledger.PublishAsync($"sl/{B}/deadletter", "{}");
                await ledger.PublishAsync($"sl/{A}/plant-1/dcs/cmd", "{}");
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => device.NextAsync(TimeSpan.FromSeconds(1)));
            }

            await dcs.SubscribeAsync($"sl/{B}/+/dcs/cmd");
            Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await dcs.SubscribeAsync($"sl/{A}/+/dcs/cmd"));
            Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await ledger.SubscribeAsync("sl/+/+/+/data"));

            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await device.PublishAsync($"sl/{A}/plant-1/dcs/cmd", """{"action":"shutdown"}"""));
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await device.PublishAsync($"sl/{B}/plant-1/h2s-1/data", "{}"));
            Assert.NotEqual(MqttClientPublishReasonCode.NotAuthorized, await device.PublishAsync($"sl/{A}/plant-1/h2s-1/data", "{}"));
            var (topic, _) = await ledger.NextAsync(TimeSpan.FromSeconds(5));
            Assert.Equal($"sl/{A}/plant-1/h2s-1/data", topic);
            await ledger.PublishAsync($"sl/{B}/plant-1/dcs/cmd", "{}");
            Assert.NotEqual(MqttClientPublishReasonCode.NotAuthorized, await ledger.PublishAsync($"sl/{A}/plant-1/dcs/cmd", "{}"));
            var (command, _) = await dcs.NextAsync(TimeSpan.FromSeconds(5));
            Assert.Equal($"sl/{A}/plant-1/dcs/cmd", command);
        }
    }
}
