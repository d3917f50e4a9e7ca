using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SafetyLedger.Ledger.Events;
using SafetyLedger.RiskCore.Fusion;

namespace SafetyLedger.RiskCore.Alerts;

/// <summary>
/// Alert commands over the ledger. Every command folds the alert's stream, checks the transition
/// and appends with the stream's exact version, so concurrent writers cannot both win. Raising is
/// de-duplicated: while an alert of the same (tenant, site, detector family) is open, a new
/// assessment updates it (only when its level, detectors or confidence moved) instead of raising another.
/// </summary>
public sealed partial class AlertService(IEventStore store, TimeProvider time, IOptions<AlertOptions> options, ILogger<AlertService> logger) : IDisposable
{
    private const int StreamPage = 4096;
    private readonly AlertOptions _options = options.Value;
    private readonly OpenAlertIndex _open = new();
    private readonly SemaphoreSlim _loading = new(1, 1);
    private bool _loaded;

    /// <summary>The open alerts (raised or acknowledged), loaded from the ledger on first use.</summary>
    public async Task<IReadOnlyCollection<Alert>> OpenAlertsAsync(CancellationToken cancellationToken)
    {
        await EnsureLoadedAsync(cancellationToken);
        return _open.Alerts;
    }

    /// <summary>Raises an alert for the assessment, or updates the open one of its key; null when nothing was appended.</summary>
    public async Task<Alert?> ObserveAsync(RiskAssessment assessment, IReadOnlyList<long> telemetryPositions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(assessment);
        ArgumentNullException.ThrowIfNull(telemetryPositions);
        if (assessment.Level < _options.MinimumLevel || assessment.Level == RiskLevel.Blue || assessment.Detectors.Count == 0)
        {
            return null;
        }

        await EnsureLoadedAsync(cancellationToken);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var open = FindOpen(assessment);
                return open is null
                    ? await RaiseAsync(assessment, telemetryPositions, cancellationToken)
                    : await UpdateAsync(open, assessment, telemetryPositions, cancellationToken);
            }
            catch (WrongExpectedVersionException ex) when (attempt < _options.ConcurrencyRetries)
            {
                LogRetry(ex.StreamId, attempt);
                await RefreshAsync(ex.StreamId, cancellationToken);
            }
        }
    }

    /// <summary>The alert folded from its stream; null when there is none.</summary>
    public async Task<Alert?> GetAsync(string tenant, string alertId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(tenant);
        ArgumentException.ThrowIfNullOrWhiteSpace(alertId);
        var entries = await store.ReadStreamAsync(AlertEventTypes.StreamId(tenant, alertId), 0, StreamPage, cancellationToken);
        return entries.Count == 0 ? null : AlertFold.Fold(entries);
    }

    public async Task<Alert> AcknowledgeAsync(AcknowledgeAlert command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var alert = await LoadAsync(command.Tenant, command.AlertId, command.ExpectedVersion, cancellationToken);
        if (alert.State != AlertState.Raised)
        {
            throw Rejected(alert, "acknowledge", "only a raised alert can be acknowledged");
        }

        return await AppendAsync(alert, AlertEventTypes.Acknowledged, new AlertAcknowledged(alert.AlertId, command.Actor, command.Comment), command.Actor, cancellationToken);
    }

    public async Task<Alert> ResolveAsync(ResolveAlert command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var alert = await LoadAsync(command.Tenant, command.AlertId, command.ExpectedVersion, cancellationToken);
        if (alert.State != AlertState.Acknowledged)
        {
            throw Rejected(alert, "resolve", "an alert is acknowledged before it is resolved");
        }

        return await AppendAsync(alert, AlertEventTypes.Resolved, new AlertResolved(alert.AlertId, command.Actor, command.Label, command.Comment), command.Actor, cancellationToken);
    }

    public async Task<Alert> OverrideAsync(OverrideAlert command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        if (string.IsNullOrWhiteSpace(command.Reason))
        {
            throw new ArgumentException("An override needs a reason.", nameof(command));
        }

        var alert = await LoadAsync(command.Tenant, command.AlertId, command.ExpectedVersion, cancellationToken);
        if (!alert.IsOpen)
        {
            throw Rejected(alert, "override", "a resolved alert cannot be overridden");
        }

        var level = alert.Level;
        switch (command.Action)
        {
            case OverrideAction.CancelIntervention or OverrideAction.ConfirmIntervention when alert.Intervention != InterventionState.Commanded:
                throw Rejected(alert, $"{command.Action}", $"its intervention is {alert.Intervention}, not commanded");
            case OverrideAction.ChangeLevel when command.Level is not { } newLevel || newLevel == alert.Level:
                throw Rejected(alert, "change the level", "a different level is required");
            case OverrideAction.ChangeLevel:
                level = command.Level!.Value;
                break;
        }

        var overridden = new AlertOverridden(alert.AlertId, command.Actor, command.Action, alert.Level, level, alert.CommandId, command.Reason);
        return await AppendAsync(alert, AlertEventTypes.Overridden, overridden, command.Actor, cancellationToken);
    }

    /// <summary>Records escalation step <paramref name="step"/> of an alert that is still unacknowledged.</summary>
    public async Task<Alert> EscalateAsync(Alert alert, int step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (alert.State != AlertState.Raised)
        {
            throw Rejected(alert, "escalate", "only an unacknowledged alert escalates");
        }

        var escalated = new AlertEscalated(alert.AlertId, step, alert.Level, time.GetUtcNow() - alert.RaisedAt);
        return await AppendAsync(alert, AlertEventTypes.Escalated, escalated, actor: null, cancellationToken);
    }

    /// <summary>
    /// Appends one event to the alert's stream at exactly <see cref="Alert.Version"/> and returns the
    /// alert after it. Used by the response tier for <c>InterventionCommanded</c> and <c>ReviewRequested</c>.
    /// </summary>
    /// <exception cref="WrongExpectedVersionException">Someone else appended to the alert first.</exception>
    public async Task<Alert> AppendAsync<T>(Alert alert, string eventType, T payload, string? actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        var data = new EventData(eventType, alert.Tenant, time.GetUtcNow(), AlertJson.Serialize(payload), new EventMetadata(Actor: actor, CorrelationId: alert.AlertId));
        var result = await store.AppendAsync(new AppendRequest(alert.StreamId, ExpectedVersion.Exact(alert.Version), [data]), cancellationToken);
        var next = await FoldAppendedAsync(alert, result, cancellationToken);
        _open.Put(next);
        LogAppended(eventType, alert.AlertId, alert.Tenant, result.LastPosition);
        return next;
    }

    public void Dispose() => _loading.Dispose();

    private Alert? FindOpen(RiskAssessment assessment)
    {
        foreach (var detector in assessment.Detectors)
        {
            if (_open.Find(new AlertKey(assessment.Tenant, assessment.Site, DetectorFamilies.Of(detector))) is { } open)
            {
                return open;
            }
        }

        return null;
    }

    private async Task<Alert> RaiseAsync(RiskAssessment assessment, IReadOnlyList<long> telemetryPositions, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var alertId = Guid.CreateVersion7(now).ToString("N");
        var raised = new AlertRaised(alertId, assessment.Site, DetectorFamilies.Of(assessment.Detectors[0]), AlertEvidence.From(assessment, telemetryPositions));
        var data = new EventData(AlertEventTypes.Raised, assessment.Tenant, assessment.Time, AlertJson.Serialize(raised), new EventMetadata(CorrelationId: alertId));
        var streamId = AlertEventTypes.StreamId(assessment.Tenant, alertId);
        var result = await store.AppendAsync(new AppendRequest(streamId, ExpectedVersion.NoStream, [data]), cancellationToken);
        var alert = await FoldAppendedAsync(null, result, cancellationToken);
        _open.Put(alert);
        LogRaised(alertId, assessment.Tenant, assessment.Site, assessment.Level, result.LastPosition);
        return alert;
    }

    private async Task<Alert?> UpdateAsync(Alert open, RiskAssessment assessment, IReadOnlyList<long> telemetryPositions, CancellationToken cancellationToken)
    {
        var changed = open.Level != assessment.Level
            || !open.Detectors.SequenceEqual(assessment.Detectors, StringComparer.Ordinal)
            || Math.Abs(open.Confidence - assessment.Confidence) >= _options.ConfidenceStep;
        var due = assessment.Level > open.Level || assessment.Time - open.DetectedAt >= _options.MinimumUpdateInterval;
        if (!changed || !due)
        {
            return null;
        }

        var updated = new AlertUpdated(open.AlertId, AlertEvidence.From(assessment, telemetryPositions));
        return await AppendAsync(open, AlertEventTypes.Updated, updated, actor: null, cancellationToken);
    }

    private async Task<Alert> FoldAppendedAsync(Alert? before, AppendResult result, CancellationToken cancellationToken)
    {
        var appended = await store.ReadAllAsync(result.FirstPosition, checked((int)(result.LastPosition - result.FirstPosition + 1)), cancellationToken);
        var alert = before;
        foreach (var entry in appended)
        {
            alert = AlertFold.Apply(alert, entry);
        }

        return alert ?? throw new InvalidOperationException($"The append at {result.FirstPosition} could not be read back.");
    }

    private async Task<Alert> LoadAsync(string tenant, string alertId, long expectedVersion, CancellationToken cancellationToken)
    {
        var alert = await GetAsync(tenant, alertId, cancellationToken)
            ?? throw new AlertNotFoundException($"Tenant '{tenant}' has no alert '{alertId}'.");
        if (alert.Version != expectedVersion)
        {
            throw new WrongExpectedVersionException(alert.StreamId, ExpectedVersion.Exact(Math.Max(expectedVersion, 0)), alert.Version);
        }

        return alert;
    }

    private async Task RefreshAsync(string streamId, CancellationToken cancellationToken)
    {
        var entries = await store.ReadStreamAsync(streamId, 0, StreamPage, cancellationToken);
        if (AlertFold.Fold(entries) is { } alert)
        {
            _open.Put(alert);
        }
    }

    private async Task EnsureLoadedAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _loaded))
        {
            return;
        }

        await _loading.WaitAsync(cancellationToken);
        try
        {
            if (_loaded)
            {
                return;
            }

            var alerts = new Dictionary<string, Alert>(StringComparer.Ordinal);
            await foreach (var entry in store.ReadCategoryAsync(AlertEventTypes.StreamPrefix, 0, long.MaxValue, cancellationToken))
            {
                alerts[entry.StreamId] = AlertFold.Apply(alerts.GetValueOrDefault(entry.StreamId), entry);
            }

            foreach (var alert in alerts.Values.Where(a => a.IsOpen))
            {
                _open.Put(alert);
            }

            Volatile.Write(ref _loaded, true);
            LogLoaded(_open.Alerts.Count);
        }
        finally
        {
            _loading.Release();
        }
    }

    private static AlertTransitionException Rejected(Alert alert, string attempted, string rule) =>
        new($"Cannot {attempted} alert '{alert.AlertId}' of tenant '{alert.Tenant}': it is {alert.State.ToString().ToLowerInvariant()} (version {alert.Version}), and {rule}.");

    [LoggerMessage(Level = LogLevel.Information, Message = "Raised alert {AlertId} for {Tenant}/{Site} at {Level} (ledger position {Position})")]
    private partial void LogRaised(string alertId, string tenant, string site, RiskLevel level, long position);

    [LoggerMessage(Level = LogLevel.Information, Message = "Appended {EventType} to alert {AlertId} of {Tenant} (ledger position {Position})")]
    private partial void LogAppended(string eventType, string alertId, string tenant, long position);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Alert stream {StreamId} changed under us; retry {Attempt}")]
    private partial void LogRetry(string streamId, int attempt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Loaded {Count} open alerts from the ledger")]
    private partial void LogLoaded(int count);
}
