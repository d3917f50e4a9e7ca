namespace SafetyLedger.RiskCore.Pipeline;

/// <summary>Finds the ledger positions of the telemetry batch digests covering an area's readings at a time (ingestion provides it).</summary>
public interface ITelemetryDigestLookup
{
    Task<IReadOnlyList<long>> FindAsync(string tenant, string site, DateTimeOffset time, CancellationToken cancellationToken);
}
