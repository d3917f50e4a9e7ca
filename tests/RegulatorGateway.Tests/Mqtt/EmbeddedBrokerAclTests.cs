using System.Net.Http.Json;
using System.Text;
using MQTTnet;
using SafetyLedger.RegulatorGateway.Tests.Support;
using SafetyLedger.RiskCore.Response;

namespace SafetyLedger.RegulatorGateway.Tests.Mqtt;

/// <summary>The embedded broker of the real service: who may connect, publish and subscribe, and what a DCS receives.</summary>
public sealed class EmbeddedBrokerAclTests : IAsyncLifetime
{
    private const string A = GatewayService.Tenant;
    private const string B = GatewayService.OtherTenant;
    private GatewayService service = null!;

    public async Task InitializeAsync() => service = await GatewayService.StartAsync();

    public async Task DisposeAsync() => await service.DisposeAsync();

    [Fact]
    public async Task Anonymous_wrong_password_non_MQTT_roles_revoked_keys_and_the_services_own_client_ids_cannot_connect()
    {
        var cases = new (string Name, TestKey? Key, string? ClientId, string? Password)[]
        {
            ("anonymous", null, null, null),
            ("wrong password", service.Key("device"), null, "slk_wrong"),
            ("operator key", service.Key("operator"), null, null),
            ("admin key", service.Key("admin"), null, null),
            ("revoked key", service.Key("revoked"), null, null),
            ("service client id", service.Key("device"), "safety-ledger-riskcore", null),
        };
        foreach (var (name, key, clientId, password) in cases)
        {
            var (probe, code) = await MqttProbe.ConnectAsync(service.MqttPort, key, clientId, password);
            await probe.DisposeAsync();
            Assert.True(code != MqttClientConnectResultCode.Success, $"{name} connected");
        }

        var (device, ok) = await MqttProbe.ConnectAsync(service.MqttPort, service.Key("device"));
        await device.DisposeAsync();
        Assert.Equal(MqttClientConnectResultCode.Success, ok);
    }

    [Fact]
    public async Task A_device_publishes_only_its_tenants_data_and_subscribes_only_inside_its_tenant()
    {
        var (device, _) = await MqttProbe.ConnectAsync(service.MqttPort, service.Key("device"));
        await using (device)
        {
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await device.PublishAsync($"sl/{B}/plant-1/h2s-1/data", "{}"));
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await device.PublishAsync($"sl/{A}/plant-1/dcs/cmd", """{"action":"shutdown"}"""));
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await device.PublishAsync($"sl/{A}/deadletter", "{}"));
            foreach (var filter in new[] { "#", "sl/#", "+/+/+/+/+", $"sl/{B}/deadletter", $"sl/+/plant-1/h2s-1/data", $"sl/{A}/+/dcs/cmd", $"$share/g/sl/{B}/+/+/data", "$SYS/#" })
            {
                Assert.True(await device.SubscribeAsync(filter) == MqttClientSubscribeResultCode.NotAuthorized, $"device subscribed to {filter}");
            }

            Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await device.SubscribeAsync($"sl/{A}/deadletter"));
            Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await device.SubscribeAsync($"sl/{A}/+/+/data"));
        }
    }

    [Fact]
    public async Task A_revoked_device_key_stops_publishing_within_seconds_without_a_restart()
    {
        using var admin = service.Client("admin");
        using var created = await admin.PostAsJsonAsync("/api/v1/admin/keys", new { role = "device", tenant = A });
        var key = await created.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>();
        var device = new TestKey(key.GetProperty("id").GetString()!, key.GetProperty("key").GetString()!);
        var (probe, _) = await MqttProbe.ConnectAsync(service.MqttPort, device);
        await using (probe)
        {
            Assert.NotEqual(MqttClientPublishReasonCode.NotAuthorized, await probe.PublishAsync($"sl/{A}/plant-1/h2s-1/data", "{}"));
            using var revoked = await admin.PostAsJsonAsync($"/api/v1/admin/keys/{device.Id}/revoke", new { reason = "lost" });
            revoked.EnsureSuccessStatusCode();
            Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, await probe.PublishAsync($"sl/{A}/plant-1/h2s-1/data", "{}"));
        }

        using var http = service.Client(null);
        http.DefaultRequestHeaders.Add("X-Api-Key", device.Key);
        using var refused = await http.PostAsync(new Uri("/api/v1/telemetry", UriKind.Relative), new StringContent("[]", Encoding.UTF8, "application/json"));
        Assert.Equal(System.Net.HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task The_dcs_of_a_site_receives_signed_commands_that_verify_against_the_published_log_key_and_a_tampered_one_does_not()
    {
        var (dcs, _) = await MqttProbe.ConnectAsync(service.MqttPort, service.Key("dcs"));
        var (otherDcs, _) = await MqttProbe.ConnectAsync(service.MqttPort, service.Key("dcs@" + B));
        await using (dcs)
        await using (otherDcs)
        {
            Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await otherDcs.SubscribeAsync($"sl/{A}/+/dcs/cmd"));
            Assert.Equal(MqttClientSubscribeResultCode.GrantedQoS1, await dcs.SubscribeAsync($"sl/{A}/+/dcs/cmd"));
            await Drills.RaiseRedAlertAsync(service);

            var (topic, payload) = await dcs.NextAsync(TimeSpan.FromSeconds(10));
            var keys = await Drills.LogKeysAsync(service);
            var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(payload).Replace("\"plant-1\"", "\"plant-2\"", StringComparison.Ordinal));

            Assert.Equal($"sl/{A}/plant-1/dcs/cmd", topic);
            Assert.Null(DcsCommandVerifier.Check(payload, keys, A, "plant-1"));
            Assert.NotNull(DcsCommandVerifier.Check(tampered, keys, A, "plant-2"));
        }
    }
}
