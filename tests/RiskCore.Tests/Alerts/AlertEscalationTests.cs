using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using SafetyLedger.RiskCore.Alerts;
using SafetyLedger.RiskCore.Alerts.Escalation;
using SafetyLedger.RiskCore.Fusion;
using SafetyLedger.RiskCore.Tests.Support;

namespace SafetyLedger.RiskCore.Tests.Alerts;

public sealed class AlertEscalationTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task An_unacknowledged_orange_alert_escalates_after_its_timeout_and_again_after_each_period()
    {
        await using var ledger = new AlertLedger();
        var escalator = Escalator(ledger, new EscalationOptions { Orange = TimeSpan.FromMinutes(15) });
        var alert = (await ledger.Alerts.ObserveAsync(Some.Assessment(RiskLevel.Orange, 0.5), [], None))!;

        ledger.Time.Advance(TimeSpan.FromMinutes(14));
        Assert.Equal(0, await escalator.EscalateDueAsync(None));
        ledger.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await escalator.EscalateDueAsync(None));
        Assert.Equal(0, await escalator.EscalateDueAsync(None));
        ledger.Time.Advance(TimeSpan.FromMinutes(15));
        Assert.Equal(1, await escalator.EscalateDueAsync(None));

        var escalated = (await ledger.StreamAsync(alert)).Where(e => e.EventType == AlertEventTypes.Escalated)
            .Select(e => AlertJson.Deserialize<AlertEscalated>(e.Payload)).ToArray();
        Assert.Equal([1, 2], escalated.Select(e => e.Step));
        Assert.Equal(TimeSpan.FromMinutes(16), escalated[0].Unacknowledged);
    }

    [Fact]
    public async Task An_acknowledged_alert_does_not_escalate()
    {
        await using var ledger = new AlertLedger();
        var escalator = Escalator(ledger, new EscalationOptions());
        var alert = (await ledger.Alerts.ObserveAsync(Some.Assessment(RiskLevel.Red, 0.5), [], None))!;
        await ledger.Alerts.AcknowledgeAsync(new AcknowledgeAlert("tenant-1", alert.AlertId, alert.Version, "op-1"), None);

        ledger.Time.Advance(TimeSpan.FromHours(2));

        Assert.Equal(0, await escalator.EscalateDueAsync(None));
    }

    [Fact]
    public async Task The_escalation_service_escalates_on_the_time_providers_clock()
    {
        await using var ledger = new AlertLedger();
        var escalator = Escalator(ledger, new EscalationOptions { Red = TimeSpan.FromMinutes(5), CheckInterval = TimeSpan.FromMinutes(1) });
        var alert = (await ledger.Alerts.ObserveAsync(Some.Assessment(RiskLevel.Red, 0.5), [], None))!;
        await escalator.StartAsync(None);
        try
        {
            ledger.Time.Advance(TimeSpan.FromMinutes(4));
            await Task.Delay(200);
            Assert.Single(await ledger.StreamAsync(alert));

            ledger.Time.Advance(TimeSpan.FromMinutes(2));
            await Eventually.UntilAsync(async () => (await ledger.StreamAsync(alert)).Count >= 2);

            Assert.Equal(AlertEventTypes.Escalated, (await ledger.StreamAsync(alert))[^1].EventType);
        }
        finally
        {
            await escalator.StopAsync(None);
        }
    }

    private static AlertEscalator Escalator(AlertLedger ledger, EscalationOptions options) =>
        new(ledger.Alerts, ledger.Time, Options.Create(options), NullLogger<AlertEscalator>.Instance);
}
