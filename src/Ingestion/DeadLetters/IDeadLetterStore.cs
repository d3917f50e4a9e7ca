namespace SafetyLedger.Ingestion.DeadLetters;

/// <summary>Where refused input is kept; adds are durable when the task completes.</summary>
public interface IDeadLetterStore
{
    Task AddAsync(IReadOnlyList<DeadLetter> letters, CancellationToken cancellationToken);

    /// <summary>Dead letters with id above <paramref name="afterId"/>, optionally of one tenant, in id order.</summary>
    Task<IReadOnlyList<StoredDeadLetter>> ListAsync(string? tenant, long afterId, int maxCount, CancellationToken cancellationToken);

    /// <summary>Counts, per sensor id (empty string where unknown), the tenant's dead letters received in [from, until).</summary>
    Task<IReadOnlyDictionary<string, long>> CountBySensorAsync(string tenant, DateTimeOffset from, DateTimeOffset until, CancellationToken cancellationToken);
}
