namespace SafetyLedger.Ingestion.Quality;

/// <summary>Quality roll-up rows; writing a row for the same tenant, sensor, period and start replaces it.</summary>
public interface IQualityStore
{
    Task UpsertAsync(IReadOnlyList<QualityRollup> rollups, CancellationToken cancellationToken);

    Task<IReadOnlyList<QualityRollup>> ListAsync(string tenant, QualityPeriod period, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken);
}
