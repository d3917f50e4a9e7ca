using System.Text.Json;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SafetyLedger.Ledger.Checkpoints;
using SafetyLedger.Ledger.Notes;
using SafetyLedger.RiskCore.Alerts;
using SafetyLedger.RiskCore.Fusion;
using SafetyLedger.RiskCore.Response;
using SafetyLedger.RiskCore.Tests.Support;

namespace SafetyLedger.RiskCore.Tests.Response;

public sealed class MqttDcsCommandPublisherTests : IDisposable
{
    private readonly LogSigners signers = new([NoteSigner.Generate("dcs-test")]);

    public void Dispose() => signers.Dispose();

    [Fact]
    public async Task A_subscriber_on_the_broker_receives_the_command_that_was_ledgered_first()
    {
        var port = FreePort.Next();
        await using var broker = await DcsBroker.StartAsync(port);
        await using var mqtt = new MqttDcsCommandPublisher(Options.Create(new MqttDcsOptions { Port = port }), new DcsCommandSigner(signers), NullLogger<MqttDcsCommandPublisher>.Instance);
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
        var keys = new[] { NoteVerifier.Parse(signers.VerifierKeys[0]) };
        Assert.Null(DcsCommandVerifier.Check(System.Text.Encoding.UTF8.GetBytes(payload), keys, "tenant-1", "site-1"));
    }

    [Fact]
    public async Task A_signed_command_fails_verification_when_altered_forged_or_replayed_to_another_site()
    {
        var port = FreePort.Next();
        await using var broker = await DcsBroker.StartAsync(port);
        await using var mqtt = new MqttDcsCommandPublisher(Options.Create(new MqttDcsOptions { Port = port }), new DcsCommandSigner(signers), NullLogger<MqttDcsCommandPublisher>.Instance);
        await using var ledger = new AlertLedger(innerPublisher: mqtt);
        var alert = await ledger.Alerts.ObserveAsync(Some.Assessment(RiskLevel.Red, 0.97), [], CancellationToken.None);
        await ledger.Responder.RespondAsync(alert!, CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var (_, payload) = await broker.Received.Reader.ReadAsync(timeout.Token);
        var keys = new[] { NoteVerifier.Parse(signers.VerifierKeys[0]) };
        using var other = NoteSigner.Generate("dcs-test");
        var command = JsonSerializer.Deserialize<DcsCommand>(payload, AlertJson.Options)!;

        var altered = payload.Replace("isolate-area", "shutdown", StringComparison.Ordinal);
        var forged = AlertJson.Serialize(new DcsCommandSigner(new LogSigners([other])).Sign(command with { Signature = null, Action = "shutdown" }));
        var replayed = payload.Replace("\"site\":\"site-1\"", "\"site\":\"site-2\"", StringComparison.Ordinal);
        var unsigned = AlertJson.Serialize(command with { Signature = null });

        Assert.Null(DcsCommandVerifier.Check(System.Text.Encoding.UTF8.GetBytes(payload), keys, "tenant-1", "site-1"));
        Assert.Contains("does not verify", DcsCommandVerifier.Check(System.Text.Encoding.UTF8.GetBytes(altered), keys, "tenant-1", "site-1"), StringComparison.Ordinal);
        Assert.Contains("not a trusted key", DcsCommandVerifier.Check(forged, keys, "tenant-1", "site-1"), StringComparison.Ordinal);
        Assert.Contains("does not verify", DcsCommandVerifier.Check(System.Text.Encoding.UTF8.GetBytes(replayed), keys, "tenant-1", "site-2"), StringComparison.Ordinal);
        Assert.Contains("not tenant-1/site-1", DcsCommandVerifier.Check(System.Text.Encoding.UTF8.GetBytes(replayed), keys, "tenant-1", "site-1"), StringComparison.Ordinal);
        Assert.Contains("not signed", DcsCommandVerifier.Check(unsigned, keys, "tenant-1", "site-1"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_command_ledgered_while_the_broker_was_down_reaches_the_DCS_once_the_broker_is_back()
    {
        var port = FreePort.Next();
        await using var mqtt = new MqttDcsCommandPublisher(Options.Create(new MqttDcsOptions { Port = port, ConnectTimeout = TimeSpan.FromSeconds(2) }), new DcsCommandSigner(signers), NullLogger<MqttDcsCommandPublisher>.Instance);
        await using var ledger = new AlertLedger(innerPublisher: mqtt);
        var alert = await ledger.Alerts.ObserveAsync(Some.Assessment(RiskLevel.Red, 0.97), [], CancellationToken.None);
        alert = await ledger.Responder.RespondAsync(alert!, CancellationToken.None);
        Assert.NotNull(alert.PendingCommand);

        await using var broker = await DcsBroker.StartAsync(port);
        ledger.Time.Advance(TimeSpan.FromSeconds(11));

        Assert.Equal(1, await ledger.Responder.RedeliverPendingAsync(CancellationToken.None));

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var (_, payload) = await broker.Received.Reader.ReadAsync(timeout.Token);
        Assert.Equal(alert.PendingCommand, JsonSerializer.Deserialize<DcsCommand>(payload, AlertJson.Options)! with { Signature = null });
        Assert.Equal(AlertEventTypes.InterventionDelivered, (await ledger.StreamAsync(alert))[^1].EventType);
    }
}
