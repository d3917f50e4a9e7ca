namespace SafetyLedger.RiskCore.Alerts.Projection;

/// <summary>
/// The alert read table. It holds each alert's folded document and the next ledger position to
/// project, saved together so a restart resumes where it stopped. Dropping it and replaying the
/// ledger gives the same rows.
/// </summary>
public interface IAlertReadStore
{
    Task<long> NextPositionAsync(CancellationToken cancellationToken);

    Task<Alert?> FindAsync(string tenant, string alertId, CancellationToken cancellationToken);

    Task<IReadOnlyList<AlertRow>> QueryAsync(AlertQuery query, CancellationToken cancellationToken);

    /// <summary>Saves <paramref name="alert"/> (when not null) and moves the next position on, atomically.</summary>
    Task SaveAsync(Alert? alert, long nextPosition, CancellationToken cancellationToken);

    /// <summary>Drops every row and the position: the next projection run replays the whole ledger.</summary>
    Task ClearAsync(CancellationToken cancellationToken);
}
