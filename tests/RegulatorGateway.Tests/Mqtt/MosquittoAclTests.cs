using System.Diagnostics;
using System.Text.Json;
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
    private readonly TempFolder config = new();
    private readonly int port = FreePort.Next();
    private GatewayService service = null!;
    private Process? mosquitto;
    private TestKey serviceUser = null!;

    public async Task InitializeAsync()
    {
        service = await GatewayService.StartAsync();
        await service.StopAsync();
        var written = await CliRun.RunAsync("mqtt", "config", "--data", service.DataDirectory, "--out", config.Path);
        Assert.True(written.ExitCode == 0, written.ToString());
        using (var json = JsonDocument.Parse(written.Output))
        {
            serviceUser = new TestKey(json.RootElement.GetProperty("user").GetString()!, json.RootElement.GetProperty("password").GetString()!);
        }
        var binary = new[] { "/usr/sbin/mosquitto", "/usr/bin/mosquitto" }.FirstOrDefault(File.Exists);
        Assert.True(binary is not null, "mosquitto is not installed: run scripts/services.d/mosquitto.sh start (it installs the Debian package).");
        var conf = Path.Combine(config.Path, "mosquitto.conf");
        await File.WriteAllTextAsync(conf, $"""
            listener {port} 127.0.0.1
            allow_anonymous false
            password_file {config.Path}/passwd
            acl_file {config.Path}/acl
            persistence false
            user root
            log_dest stderr
            """);
        mosquitto = Process.Start(new ProcessStartInfo(binary, ["-c", conf]) { RedirectStandardError = true, UseShellExecute = false })!;
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!FreePort.IsListening(port))
        {
            if (mosquitto.HasExited)
            {
                Assert.Fail("mosquitto exited: " + await mosquitto.StandardError.ReadToEndAsync());
            }

            await Task.Delay(50, deadline.Token);
        }
    }

    public async Task DisposeAsync()
    {
        if (mosquitto is { HasExited: false })
        {
            mosquitto.Kill();
            await mosquitto.WaitForExitAsync();
        }

        mosquitto?.Dispose();
        await service.DisposeAsync();
        config.Dispose();
    }

    [Fact]
    public async Task Mosquitto_refuses_what_the_embedded_broker_refuses_and_admits_the_right_keys()
    {
        foreach (var (name, key, password) in new (string, TestKey?, string?)[] { ("anonymous", null, null), ("wrong password", service.Key("device"), "slk_wrong"), ("operator key", service.Key("operator"), null), ("revoked key", service.Key("revoked"), null) })
        {
            var (refused, code) = await MqttProbe.ConnectAsync(port, key, password: password);
            await refused.DisposeAsync();
            Assert.True(code != MqttClientConnectResultCode.Success, $"{name} connected to Mosquitto");
        }
        var (device, deviceCode) = await MqttProbe.ConnectAsync(port, service.Key("device"));
        var (dcs, dcsCode) = await MqttProbe.ConnectAsync(port, service.Key("dcs"));
        var (ledger, ledgerCode) = await MqttProbe.ConnectAsync(port, serviceUser);
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

            var (foreign, _) = await MqttProbe.ConnectAsync(port, service.Key("device@" + B));
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
