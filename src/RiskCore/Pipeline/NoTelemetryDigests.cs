namespace SafetyLedger.RiskCore.Pipeline;

/// <summary>Until ingestion ledgers telemetry digests: alerts name none.</summary>
public sealed class NoTelemetryDigests : ITelemetryDigestLookup
{
    public Task<IReadOnlyList<long>> FindAsync(string tenant, string site, DateTimeOffset time, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<long>>([]);
}
