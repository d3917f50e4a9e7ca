using Microsoft.Extensions.Logging.Abstractions;
using SafetyLedger.RiskCore.Alerts;
using SafetyLedger.RiskCore.Alerts.Projection;
using SafetyLedger.RiskCore.Fusion;
using SafetyLedger.RiskCore.Tests.Support;

namespace SafetyLedger.RiskCore.Tests.Alerts;

public sealed class AlertProjectionTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Dropping_the_read_table_and_replaying_the_ledger_gives_the_same_rows_as_the_live_projection()
    {
        await using var ledger = new AlertLedger();
        var live = new InMemoryAlertReadStore();
        var projection = new AlertProjection(ledger.Store, live, NullLogger<AlertProjection>.Instance);
        await projection.StartAsync(None);
        try
        {
            await WriteHistoryAsync(ledger);
            await Eventually.UntilAsync(async () => await live.NextPositionAsync(None) >= ledger.Store.Count);
        }
        finally
        {
            await projection.StopAsync(None);
        }

        var liveRows = await AllRowsAsync(live);
        await live.ClearAsync(None);
        Assert.Empty(await AllRowsAsync(live));
        await new AlertProjection(ledger.Store, live, NullLogger<AlertProjection>.Instance).CatchUpAsync(None);

        Assert.Equal(ledger.Store.Count, await live.NextPositionAsync(None));
        Assert.Equal(liveRows, await AllRowsAsync(live));
        Assert.Equal(3, liveRows.Count);
        Assert.Single(await live.QueryAsync(new AlertQuery("tenant-1", State: AlertState.Resolved), None));
        Assert.Single(await live.QueryAsync(new AlertQuery("tenant-1", Site: "site-2"), None));
        Assert.Empty(await live.QueryAsync(new AlertQuery("tenant-2"), None));
    }

    private static async Task WriteHistoryAsync(AlertLedger ledger)
    {
        var first = (await ledger.Alerts.ObserveAsync(Some.Assessment(RiskLevel.Orange, 0.95), [1], None))!;
        first = await ledger.Responder.RespondAsync(first, None);
        var second = (await ledger.Alerts.ObserveAsync(Some.Assessment(RiskLevel.Yellow, 0.5, site: "site-2"), [], None))!;
        await ledger.Responder.RespondAsync(second, None);
        ledger.Time.Advance(TimeSpan.FromMinutes(3));
        var third = (await ledger.Alerts.ObserveAsync(Some.Assessment(RiskLevel.Yellow, 0.5, detector: "drift"), [], None))!;
        var acknowledged = await ledger.Alerts.AcknowledgeAsync(new AcknowledgeAlert("tenant-1", third.AlertId, third.Version, "op-1"), None);
        await ledger.Alerts.ResolveAsync(new ResolveAlert("tenant-1", third.AlertId, acknowledged.Version, "op-1", AlertLabel.FalseAlarm), None);
        await ledger.Responder.OverrideAsync(new OverrideAlert("tenant-1", first.AlertId, first.Version, "op-2", OverrideAction.ConfirmIntervention, null, "confirmed on site"), None);
    }

    private static async Task<List<AlertRow>> AllRowsAsync(InMemoryAlertReadStore table) =>
        [.. await table.QueryAsync(new AlertQuery("tenant-1"), None)];
}
