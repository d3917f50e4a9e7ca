using SafetyLedger.RiskCore.Alerts;
using SafetyLedger.RiskCore.Fusion;
using SafetyLedger.RiskCore.Response;
using SafetyLedger.RiskCore.Tests.Support;

namespace SafetyLedger.RiskCore.Tests.Response;

public sealed class TieredResponseTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task A_confident_orange_alert_is_commanded_and_ledgered_before_it_is_published()
    {
        await using var ledger = new AlertLedger();

        var alert = await RaiseAndRespondAsync(ledger, Some.Assessment(RiskLevel.Orange, 0.95));

        var (command, ledgered, countAtPublish) = Assert.Single(ledger.Publisher.Published);
        Assert.NotNull(ledgered);
        Assert.Equal(AlertEventTypes.InterventionCommanded, ledgered.EventType);
        Assert.True(ledgered.Position < countAtPublish);
        var payload = AlertJson.Deserialize<InterventionCommanded>(ledgered.Payload);
        Assert.Equal(command.CommandId, payload.CommandId);
        Assert.Equal("sl/tenant-1/site-1/dcs/cmd", payload.Topic);
        Assert.Equal("reduce-load", command.Action);
        Assert.Equal(alert.AlertId, command.AlertId);
        Assert.Contains("lel-1", command.Reason, StringComparison.Ordinal);
        Assert.Equal(InterventionState.Commanded, alert.Intervention);
    }

    [Theory]
    [InlineData(RiskLevel.Orange, 0.6)]
    [InlineData(RiskLevel.Yellow, 0.99)]
    public async Task Below_the_automatic_tier_the_alert_goes_to_review_and_nothing_is_published(RiskLevel level, double confidence)
    {
        await using var ledger = new AlertLedger();

        var alert = await RaiseAndRespondAsync(ledger, Some.Assessment(level, confidence));

        Assert.Empty(ledger.Publisher.Published);
        Assert.True(alert.ReviewRequested);
        Assert.Equal([AlertEventTypes.Raised, AlertEventTypes.ReviewRequested], (await ledger.StreamAsync(alert)).Select(e => e.EventType));
        Assert.Same(alert, await ledger.Responder.RespondAsync(alert, None));
    }

    [Fact]
    public async Task The_automatic_tier_is_configured_per_site()
    {
        var options = new ResponseOptions();
        options.Sites["site-2"] = new SiteResponseOptions { AutomaticFrom = RiskLevel.Red };
        await using var ledger = new AlertLedger(options);

        await RaiseAndRespondAsync(ledger, Some.Assessment(RiskLevel.Orange, 0.95, site: "site-2"));
        Assert.Empty(ledger.Publisher.Published);

        await RaiseAndRespondAsync(ledger, Some.Assessment(RiskLevel.Red, 0.95, site: "site-2", minute: 1));
        Assert.Equal("isolate-area", Assert.Single(ledger.Publisher.Published).Command.Action);
    }

    [Fact]
    public async Task A_rise_from_orange_to_red_commands_the_stronger_action()
    {
        await using var ledger = new AlertLedger();
        await RaiseAndRespondAsync(ledger, Some.Assessment(RiskLevel.Orange, 0.95));
        await RaiseAndRespondAsync(ledger, Some.Assessment(RiskLevel.Orange, 0.96, minute: 1));
        await RaiseAndRespondAsync(ledger, Some.Assessment(RiskLevel.Red, 0.97, minute: 2));

        Assert.Equal(["reduce-load", "isolate-area"], ledger.Publisher.Published.Select(p => p.Command.Action));
        Assert.All(ledger.Publisher.Published, p => Assert.NotNull(p.Ledgered));
    }

    [Fact]
    public async Task Cancelling_an_intervention_is_ledgered_then_withdrawn_from_the_DCS()
    {
        await using var ledger = new AlertLedger();
        var alert = await RaiseAndRespondAsync(ledger, Some.Assessment(RiskLevel.Orange, 0.95));

        var cancelled = await ledger.Responder.OverrideAsync(
            new OverrideAlert("tenant-1", alert.AlertId, alert.Version, "op-3", OverrideAction.CancelIntervention, null, "load already reduced by hand"), None);

        Assert.Equal(InterventionState.Cancelled, cancelled.Intervention);
        var (command, ledgered, _) = ledger.Publisher.Published[^1];
        Assert.Equal(DcsCommand.CancelAction, command.Action);
        Assert.Equal(alert.CommandId, command.Cancels);
        Assert.Equal(AlertEventTypes.Overridden, ledgered!.EventType);
        var overridden = AlertJson.Deserialize<AlertOverridden>(ledgered.Payload);
        Assert.Equal("op-3", overridden.Actor);
        Assert.Equal("op-3", ledgered.Metadata.Actor);
        Assert.Equal(OverrideAction.CancelIntervention, overridden.Action);
    }

    [Fact]
    public async Task An_operator_can_change_the_level_and_confirm_but_not_cancel_a_missing_intervention()
    {
        await using var ledger = new AlertLedger();
        var alert = await RaiseAndRespondAsync(ledger, Some.Assessment(RiskLevel.Yellow, 0.5));

        await Assert.ThrowsAsync<AlertTransitionException>(() => ledger.Responder.OverrideAsync(
            new OverrideAlert("tenant-1", alert.AlertId, alert.Version, "op-3", OverrideAction.ConfirmIntervention, null, "go"), None));
        var changed = await ledger.Responder.OverrideAsync(
            new OverrideAlert("tenant-1", alert.AlertId, alert.Version, "op-3", OverrideAction.ChangeLevel, RiskLevel.Orange, "smell of gas on site"), None);

        Assert.Equal(RiskLevel.Orange, changed.Level);
        Assert.Equal(AlertEventTypes.Overridden, (await ledger.StreamAsync(changed))[^1].EventType);
        Assert.Empty(ledger.Publisher.Published);
    }

    private static async Task<Alert> RaiseAndRespondAsync(AlertLedger ledger, RiskAssessment assessment)
    {
        var alert = await ledger.Alerts.ObserveAsync(assessment, [], None);
        return alert is null ? (await ledger.Alerts.OpenAlertsAsync(None)).First() : await ledger.Responder.RespondAsync(alert, None);
    }
}
