using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SafetyLedger.RiskCore.Alerts;
using SafetyLedger.RiskCore.Fusion;
using SafetyLedger.RiskCore.Response;
using SafetyLedger.RiskCore.Tests.Support;

namespace SafetyLedger.RiskCore.Tests.Response;

public sealed class DcsRedeliveryTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_delivered_command_is_ledgered_as_delivered_and_never_sent_again()
    {
        var link = new SwitchablePublisher();
        await using var ledger = new AlertLedger(innerPublisher: link);

        var alert = await RaiseAndRespondAsync(ledger, Some.Assessment(RiskLevel.Red, 0.97));
        ledger.Time.Advance(TimeSpan.FromMinutes(5));

        Assert.Null(alert.PendingCommand);
        Assert.Equal(
            [AlertEventTypes.Raised, AlertEventTypes.InterventionCommanded, AlertEventTypes.InterventionDelivered],
            (await ledger.StreamAsync(alert)).Select(e => e.EventType));
        Assert.Equal(0, await ledger.Responder.RedeliverPendingAsync(None));
        Assert.Single(link.Delivered);
    }

    [Fact]
    public async Task A_command_the_broker_never_acknowledged_is_sent_again_identically_once_it_is_due()
    {
        var link = new SwitchablePublisher { Down = true };
        await using var ledger = new AlertLedger(innerPublisher: link);

        var alert = await RaiseAndRespondAsync(ledger, Some.Assessment(RiskLevel.Red, 0.97));
        var pending = Assert.IsType<DcsCommand>(alert.PendingCommand);
        Assert.Equal(alert.CommandId, pending.CommandId);
        Assert.Equal(InterventionState.Commanded, alert.Intervention);
        link.Down = false;

        ledger.Time.Advance(TimeSpan.FromSeconds(5));
        Assert.Equal(0, await ledger.Responder.RedeliverPendingAsync(None)); // not due yet: it may be in flight
        ledger.Time.Advance(TimeSpan.FromSeconds(6));
        Assert.Equal(1, await ledger.Responder.RedeliverPendingAsync(None));

        var sent = Assert.Single(link.Delivered);
        Assert.Equal(pending, sent);
        var stream = await ledger.StreamAsync(alert);
        Assert.Equal(AlertEventTypes.InterventionDelivered, stream[^1].EventType);
        Assert.Equal(pending.CommandId, AlertJson.Deserialize<InterventionDelivered>(stream[^1].Payload).CommandId);
        Assert.Equal(AlertEventTypes.InterventionCommanded, (await ledger.Store.ReadAsync(sent.LedgerPosition, None))!.EventType);
        Assert.Equal(0, await ledger.Responder.RedeliverPendingAsync(None));
    }

    [Fact]
    public async Task After_a_restart_a_command_ledgered_but_never_sent_is_found_in_the_ledger_and_sent()
    {
        var link = new SwitchablePublisher { Down = true };
        await using var ledger = new AlertLedger(innerPublisher: link);
        var alert = await RaiseAndRespondAsync(ledger, Some.Assessment(RiskLevel.Orange, 0.95));

        // A fresh alert service and responder over the same ledger, as after a crash.
        using var restarted = new AlertService(ledger.Store, ledger.Time, Options.Create(new AlertOptions()), NullLogger<AlertService>.Instance);
        var fresh = new SwitchablePublisher();
        var responder = new TieredResponder(restarted, fresh, ledger.Time, Options.Create(new ResponseOptions()), NullLogger<TieredResponder>.Instance);
        ledger.Time.Advance(TimeSpan.FromSeconds(30));

        Assert.Equal(1, await responder.RedeliverPendingAsync(None));
        Assert.Equal(alert.CommandId, Assert.Single(fresh.Delivered).CommandId);
        Assert.Null((await restarted.GetAsync(alert.Tenant, alert.AlertId, None))!.PendingCommand);
    }

    [Fact]
    public async Task A_cancellation_is_pending_like_a_command_and_replaces_an_undelivered_one()
    {
        var link = new SwitchablePublisher { Down = true };
        await using var ledger = new AlertLedger(innerPublisher: link);
        var alert = await RaiseAndRespondAsync(ledger, Some.Assessment(RiskLevel.Orange, 0.95));

        var cancelled = await ledger.Responder.OverrideAsync(
            new OverrideAlert("tenant-1", alert.AlertId, alert.Version, "op-3", OverrideAction.CancelIntervention, null, "load already reduced by hand"), None);
        var pending = Assert.IsType<DcsCommand>(cancelled.PendingCommand);
        Assert.Equal(DcsCommand.CancelAction, pending.Action);
        Assert.Equal(alert.CommandId, pending.Cancels);

        link.Down = false;
        ledger.Time.Advance(TimeSpan.FromSeconds(11));
        Assert.Equal(1, await ledger.Responder.RedeliverPendingAsync(None));
        Assert.Equal(DcsCommand.CancelAction, Assert.Single(link.Delivered).Action);
    }

    [Fact]
    public async Task A_resolved_alert_is_not_commanded_again()
    {
        var link = new SwitchablePublisher { Down = true };
        await using var ledger = new AlertLedger(innerPublisher: link);
        var alert = await RaiseAndRespondAsync(ledger, Some.Assessment(RiskLevel.Orange, 0.95));
        alert = await ledger.Alerts.AcknowledgeAsync(new AcknowledgeAlert("tenant-1", alert.AlertId, alert.Version, "op-1", null), None);
        await ledger.Alerts.ResolveAsync(new ResolveAlert("tenant-1", alert.AlertId, alert.Version, "op-1", AlertLabel.FalseAlarm, "sensor bumped"), None);

        link.Down = false;
        ledger.Time.Advance(TimeSpan.FromMinutes(1));

        Assert.Equal(0, await ledger.Responder.RedeliverPendingAsync(None));
        Assert.Empty(link.Delivered);
    }

    private static async Task<Alert> RaiseAndRespondAsync(AlertLedger ledger, RiskAssessment assessment)
    {
        var alert = await ledger.Alerts.ObserveAsync(assessment, [], None);
        return await ledger.Responder.RespondAsync(alert!, None);
    }
}
