using SafetyLedger.Ingestion.Telemetry;
using SafetyLedger.RiskCore.Pipeline;

namespace SafetyLedger.Host.Serving.Wiring;

/// <summary>
/// The ledger positions of a tenant's sealed telemetry batches around an alert's time, so each alert
/// names the digests of the readings behind it. Batches still open when the alert is raised are
/// sealed later and are not named.
/// </summary>
internal sealed class TelemetryDigestLookup(ITelemetryStore telemetry) : ITelemetryDigestLookup
{
    private static readonly TimeSpan Lookback = TimeSpan.FromMinutes(5);

    public async Task<IReadOnlyList<long>> FindAsync(string tenant, string site, DateTimeOffset time, CancellationToken cancellationToken)
    {
        var batches = await telemetry.ReadBatchesAsync(tenant, time - Lookback, time, cancellationToken);
        return batches.Where(b => b.LedgerPosition is not null).Select(b => b.LedgerPosition!.Value).Distinct().Order().ToList();
    }
}
