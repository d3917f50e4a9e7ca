using SafetyLedger.Ledger.Events;
using SafetyLedger.RiskCore.Alerts;
using SafetyLedger.RiskCore.Fusion;
using SafetyLedger.RiskCore.Tests.Support;

namespace SafetyLedger.RiskCore.Tests.Alerts;

public sealed class AlertLifecycleTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task An_alert_is_raised_acknowledged_and_resolved_with_a_label_all_in_the_ledger()
    {
        await using var ledger = new AlertLedger();
        var raised = await ledger.Alerts.ObserveAsync(Some.Assessment(RiskLevel.Orange), [7, 9], None);
        Assert.NotNull(raised);

        var acknowledged = await ledger.Alerts.AcknowledgeAsync(new AcknowledgeAlert("tenant-1", raised.AlertId, raised.Version, "op-17", "on my way"), None);
        var resolved = await ledger.Alerts.ResolveAsync(new ResolveAlert("tenant-1", raised.AlertId, acknowledged.Version, "op-17", AlertLabel.FalseAlarm, "sensor bumped"), None);

        var stream = await ledger.StreamAsync(resolved);
        Assert.Equal([AlertEventTypes.Raised, AlertEventTypes.Acknowledged, AlertEventTypes.Resolved], stream.Select(e => e.EventType));
        Assert.StartsWith("alert-tenant-1-", resolved.StreamId, StringComparison.Ordinal);
        var fromLedger = await ledger.Alerts.GetAsync("tenant-1", raised.AlertId, None);
        Assert.NotNull(fromLedger);
        Assert.Equal(AlertState.Resolved, fromLedger.State);
        Assert.Equal(AlertLabel.FalseAlarm, fromLedger.Label);
        Assert.Equal("sensor bumped", fromLedger.Comment);
        Assert.Equal("op-17", fromLedger.AcknowledgedBy);
        Assert.Equal(RiskLevel.Orange, fromLedger.Level);
        Assert.Equal([7L, 9L], fromLedger.TelemetryPositions);
        Assert.Equal("riskcore/1", fromLedger.ModelVersion);
        Assert.Equal("lel-1", Assert.Single(fromLedger.Explanation.Contributions).SensorId);
        Assert.Contains("\"level\":\"orange\"", System.Text.Encoding.UTF8.GetString(stream[0].Payload.Span), StringComparison.Ordinal);
        Assert.Contains("\"label\":\"false-alarm\"", System.Text.Encoding.UTF8.GetString(stream[2].Payload.Span), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Evidence_is_ledgered_again_at_most_every_ten_seconds_of_readings_but_a_rise_in_level_at_once()
    {
        await using var ledger = new AlertLedger();
        RiskAssessment At(RiskLevel level, double confidence, int seconds) =>
            Some.Assessment(level, confidence) with { Time = Some.Start.AddSeconds(seconds) };

        var raised = await ledger.Alerts.ObserveAsync(At(RiskLevel.Yellow, 0.5, 0), [], None);
        var moreConfident = await ledger.Alerts.ObserveAsync(At(RiskLevel.Yellow, 0.8, 2), [], None);
        var rise = await ledger.Alerts.ObserveAsync(At(RiskLevel.Orange, 0.8, 4), [], None);
        var drop = await ledger.Alerts.ObserveAsync(At(RiskLevel.Yellow, 0.8, 6), [], None);
        var later = await ledger.Alerts.ObserveAsync(At(RiskLevel.Yellow, 0.8, 15), [], None);

        Assert.NotNull(raised);
        Assert.Null(moreConfident);
        Assert.Equal(RiskLevel.Orange, rise?.Level);
        Assert.Null(drop);
        Assert.Equal(RiskLevel.Yellow, later?.Level);
        Assert.Equal(
            [AlertEventTypes.Raised, AlertEventTypes.Updated, AlertEventTypes.Updated],
            (await ledger.StreamAsync(raised)).Select(e => e.EventType));
    }

    [Fact]
    public async Task Resolving_an_unacknowledged_alert_is_rejected_and_appends_nothing()
    {
        await using var ledger = new AlertLedger();
        var raised = (await ledger.Alerts.ObserveAsync(Some.Assessment(RiskLevel.Yellow), [], None))!;

        var error = await Assert.ThrowsAsync<AlertTransitionException>(() =>
            ledger.Alerts.ResolveAsync(new ResolveAlert("tenant-1", raised.AlertId, raised.Version, "op-1", AlertLabel.TrueAlarm), None));

        Assert.Contains("acknowledged before it is resolved", error.Message, StringComparison.Ordinal);
        Assert.Single(await ledger.StreamAsync(raised));
    }

    [Fact]
    public async Task Acknowledging_twice_or_after_resolution_is_rejected()
    {
        await using var ledger = new AlertLedger();
        var raised = (await ledger.Alerts.ObserveAsync(Some.Assessment(RiskLevel.Yellow), [], None))!;
        var acknowledged = await ledger.Alerts.AcknowledgeAsync(new AcknowledgeAlert("tenant-1", raised.AlertId, raised.Version, "op-1"), None);

        await Assert.ThrowsAsync<AlertTransitionException>(() =>
            ledger.Alerts.AcknowledgeAsync(new AcknowledgeAlert("tenant-1", raised.AlertId, acknowledged.Version, "op-2"), None));
        var resolved = await ledger.Alerts.ResolveAsync(new ResolveAlert("tenant-1", raised.AlertId, acknowledged.Version, "op-1", AlertLabel.Maintenance), None);
        await Assert.ThrowsAsync<AlertTransitionException>(() =>
            ledger.Alerts.OverrideAsync(new OverrideAlert("tenant-1", raised.AlertId, resolved.Version, "op-1", OverrideAction.ChangeLevel, RiskLevel.Red, "worse"), None));
    }

    [Fact]
    public async Task A_command_with_a_stale_expected_version_is_rejected()
    {
        await using var ledger = new AlertLedger();
        var raised = (await ledger.Alerts.ObserveAsync(Some.Assessment(RiskLevel.Orange, confidence: 0.5), [], None))!;
        await ledger.Alerts.ObserveAsync(Some.Assessment(RiskLevel.Red, confidence: 0.5, minute: 1), [], None);

        var error = await Assert.ThrowsAsync<WrongExpectedVersionException>(() =>
            ledger.Alerts.AcknowledgeAsync(new AcknowledgeAlert("tenant-1", raised.AlertId, raised.Version, "op-1"), None));

        Assert.Equal(1, error.ActualVersion);
    }

    [Fact]
    public async Task An_unknown_alert_is_not_found()
    {
        await using var ledger = new AlertLedger();

        await Assert.ThrowsAsync<AlertNotFoundException>(() =>
            ledger.Alerts.AcknowledgeAsync(new AcknowledgeAlert("tenant-1", "nope", 0, "op-1"), None));
    }

    [Fact]
    public async Task An_open_alert_is_updated_not_raised_again_and_only_when_it_changes()
    {
        await using var ledger = new AlertLedger();
        var first = (await ledger.Alerts.ObserveAsync(Some.Assessment(RiskLevel.Orange, 0.6), [], None))!;

        var same = await ledger.Alerts.ObserveAsync(Some.Assessment(RiskLevel.Orange, 0.62, minute: 1), [], None);
        var worse = await ledger.Alerts.ObserveAsync(Some.Assessment(RiskLevel.Red, 0.62, minute: 2), [3], None);
        var otherSite = await ledger.Alerts.ObserveAsync(Some.Assessment(RiskLevel.Orange, site: "site-2"), [], None);
        var otherFamily = await ledger.Alerts.ObserveAsync(Some.Assessment(RiskLevel.Orange, detector: "multivariate"), [], None);

        Assert.Null(same);
        Assert.NotNull(worse);
        Assert.Equal(first.AlertId, worse.AlertId);
        Assert.Equal(RiskLevel.Red, worse.Level);
        Assert.Equal([AlertEventTypes.Raised, AlertEventTypes.Updated], (await ledger.StreamAsync(worse)).Select(e => e.EventType));
        Assert.NotEqual(first.AlertId, otherSite!.AlertId);
        Assert.NotEqual(first.AlertId, otherFamily!.AlertId);
        Assert.Equal(3, (await ledger.Alerts.OpenAlertsAsync(None)).Count);
    }

    [Fact]
    public async Task After_resolution_the_same_condition_raises_a_new_alert()
    {
        await using var ledger = new AlertLedger();
        var first = (await ledger.Alerts.ObserveAsync(Some.Assessment(RiskLevel.Orange), [], None))!;
        var acknowledged = await ledger.Alerts.AcknowledgeAsync(new AcknowledgeAlert("tenant-1", first.AlertId, first.Version, "op-1"), None);
        await ledger.Alerts.ResolveAsync(new ResolveAlert("tenant-1", first.AlertId, acknowledged.Version, "op-1", AlertLabel.TrueAlarm), None);

        var second = await ledger.Alerts.ObserveAsync(Some.Assessment(RiskLevel.Orange, minute: 5), [], None);

        Assert.NotNull(second);
        Assert.NotEqual(first.AlertId, second.AlertId);
    }

    [Fact]
    public async Task A_restarted_service_finds_the_open_alert_in_the_ledger_and_updates_it()
    {
        await using var ledger = new AlertLedger();
        var first = (await ledger.Alerts.ObserveAsync(Some.Assessment(RiskLevel.Yellow, 0.5), [], None))!;
        using var restarted = new AlertService(ledger.Store, ledger.Time, Microsoft.Extensions.Options.Options.Create(new AlertOptions()), Microsoft.Extensions.Logging.Abstractions.NullLogger<AlertService>.Instance);

        var updated = await restarted.ObserveAsync(Some.Assessment(RiskLevel.Orange, 0.5, minute: 1), [], None);

        Assert.Equal(first.AlertId, updated!.AlertId);
    }

    [Fact]
    public async Task Blue_assessments_raise_nothing()
    {
        await using var ledger = new AlertLedger();

        Assert.Null(await ledger.Alerts.ObserveAsync(Some.Assessment(RiskLevel.Blue), [], None));
        Assert.Equal(0, ledger.Store.Count);
    }
}
