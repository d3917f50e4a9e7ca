using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SafetyLedger.RiskCore.Alerts;
using SafetyLedger.RiskCore.Fusion;
using SafetyLedger.RiskCore.Response;
using SafetyLedger.RiskCore.Tests.Support;

namespace SafetyLedger.RiskCore.Tests.Response;

public sealed class MqttDcsCommandPublisherTests
{
    [Fact]
    public async Task A_subscriber_on_the_broker_receives_the_command_that_was_ledgered_first()
    {
        var port = FreePort.Next();
        await using var broker = await DcsBroker.StartAsync(port);
        await using var mqtt = new MqttDcsCommandPublisher(Options.Create(new MqttDcsOptions { Port = port }), NullLogger<MqttDcsCommandPublisher>.Instance);
        await using var ledger = new AlertLedger(innerPublisher: mqtt);

        var alert = await ledger.Alerts.ObserveAsync(Some.Assessment(RiskLevel.Red, 0.97), [], CancellationToken.None);
        alert = await ledger.Responder.RespondAsync(alert!, CancellationToken.None);

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var (topic, payload) = await broker.Received.Reader.ReadAsync(timeout.Token);
        Assert.Equal("sl/tenant-1/site-1/dcs/cmd", topic);
        var command = JsonSerializer.Deserialize<DcsCommand>(payload, AlertJson.Options)!;
        Assert.Equal(alert.AlertId, command.AlertId);
        Assert.Equal("isolate-area", command.Action);
        Assert.Equal(RiskLevel.Red, command.Level);
        var (_, ledgered, countAtPublish) = Assert.Single(ledger.Publisher.Published);
        Assert.NotNull(ledgered);
        Assert.Equal(AlertEventTypes.InterventionCommanded, ledgered.EventType);
        Assert.Equal(ledgered.Position, command.LedgerPosition);
        Assert.True(ledgered.Position < countAtPublish);
        Assert.Null(alert.PendingCommand);
    }

    [Fact]
    public async Task A_command_ledgered_while_the_broker_was_down_reaches_the_DCS_once_the_broker_is_back()
    {
        var port = FreePort.Next();
        await using var mqtt = new MqttDcsCommandPublisher(Options.Create(new MqttDcsOptions { Port = port, ConnectTimeout = TimeSpan.FromSeconds(2) }), NullLogger<MqttDcsCommandPublisher>.Instance);
        await using var ledger = new AlertLedger(innerPublisher: mqtt);
        var alert = await ledger.Alerts.ObserveAsync(Some.Assessment(RiskLevel.Red, 0.97), [], CancellationToken.None);
        alert = await ledger.Responder.RespondAsync(alert!, CancellationToken.None);
        Assert.NotNull(alert.PendingCommand);

        await using var broker = await DcsBroker.StartAsync(port);
        ledger.Time.Advance(TimeSpan.FromSeconds(11));

        Assert.Equal(1, await ledger.Responder.RedeliverPendingAsync(CancellationToken.None));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var (_, payload) = await broker.Received.Reader.ReadAsync(timeout.Token);
        Assert.Equal(alert.PendingCommand, JsonSerializer.Deserialize<DcsCommand>(payload, AlertJson.Options));
        Assert.Equal(AlertEventTypes.InterventionDelivered, (await ledger.StreamAsync(alert))[^1].EventType);
    }
}
