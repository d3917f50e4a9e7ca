using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SafetyLedger.RiskCore.Alerts;
using SafetyLedger.Ledger.Events;
using SafetyLedger.RiskCore.Fusion;

namespace SafetyLedger.RiskCore.Response;

/// <summary>
/// Tiered response: an open alert at or above its site's automatic level with enough confidence gets
/// an intervention — <c>InterventionCommanded</c> is appended to the alert's stream (durable) and only
/// then is the command published to the DCS; any other alert is put in the human review queue
/// (<c>ReviewRequested</c>, once). A later rise in level commands the stronger action. Operator
/// overrides are ledgered; a cancelled intervention is withdrawn from the DCS after it is ledgered.
/// </summary>
public sealed partial class TieredResponder(
    AlertService alerts,
    IDcsCommandPublisher publisher,
    TimeProvider time,
    IOptions<ResponseOptions> options,
    ILogger<TieredResponder> logger)
{
    private readonly ResponseOptions _options = options.Value;

    /// <summary>Responds to an alert that was just raised or updated; returns the alert after what was ledgered.</summary>
    public async Task<Alert> RespondAsync(Alert alert, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (!alert.IsOpen)
        {
            return alert;
        }

        var site = _options.For(alert.Site);
        var automatic = site.AutomaticEnabled && alert.Level >= site.AutomaticFrom && alert.Confidence >= site.MinimumConfidence;
        if (automatic && (alert.InterventionLevel is null || alert.Level > alert.InterventionLevel))
        {
            return await CommandAsync(alert, site, cancellationToken);
        }

        if (!automatic && !alert.ReviewRequested && alert.Intervention == InterventionState.None)
        {
            var reason = string.Create(
                CultureInfo.InvariantCulture,
                $"{alert.Level} at confidence {alert.Confidence:F2}: below the automatic tier ({site.AutomaticFrom}, confidence ≥ {site.MinimumConfidence:F2}{(site.AutomaticEnabled ? string.Empty : ", disabled at this site")})");
            var review = await alerts.AppendAsync(alert, AlertEventTypes.ReviewRequested, new ReviewRequested(alert.AlertId, alert.Level, alert.Confidence, reason), actor: null, cancellationToken);
            LogReview(alert.AlertId, alert.Tenant, reason);
            return review;
        }

        return alert;
    }

    /// <summary>Ledgers an operator's override; a cancelled intervention is then withdrawn from the DCS.</summary>
    public async Task<Alert> OverrideAsync(OverrideAlert command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        var alert = await alerts.OverrideAsync(command, cancellationToken);
        return command.Action == OverrideAction.CancelIntervention ? await DeliverAsync(alert, cancellationToken) : alert;
    }

    /// <summary>
    /// Sends again every command that is ledgered but whose delivery is not, once it is older than
    /// <see cref="ResponseOptions.RedeliverAfter"/> (so one being sent right now is left alone) —
    /// after a crash between ledgering and sending, or while the broker was unreachable. The command
    /// is identical each time; the DCS de-duplicates on its id. Returns how many were delivered now.
    /// </summary>
    public async Task<int> RedeliverPendingAsync(CancellationToken cancellationToken)
    {
        var due = time.GetUtcNow() - _options.RedeliverAfter;
        var delivered = 0;
        foreach (var alert in await alerts.OpenAlertsAsync(cancellationToken))
        {
            if (alert.PendingCommand is { } pending && pending.IssuedAt <= due)
            {
                LogRedelivering(pending.CommandId, alert.AlertId, pending.IssuedAt);
                var after = await DeliverAsync(alert, cancellationToken);
                delivered += after.PendingCommand?.CommandId == pending.CommandId ? 0 : 1;
            }
        }

        return delivered;
    }

    private async Task<Alert> CommandAsync(Alert alert, SiteResponseOptions site, CancellationToken cancellationToken)
    {
        var action = site.ActionFor(alert.Level);
        var commandId = Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
        var topic = DcsCommand.Topic(alert.Tenant, alert.Site);
        var reason = string.Create(CultureInfo.InvariantCulture, $"{alert.Level} alert at confidence {alert.Confidence:F2}: {alert.Explanation.Summary}");
        var commanded = new InterventionCommanded(alert.AlertId, commandId, alert.Site, topic, action, reason, alert.Level, alert.Confidence);
        var ledgered = await alerts.AppendAsync(alert, AlertEventTypes.InterventionCommanded, commanded, actor: null, cancellationToken);
        return await DeliverAsync(ledgered, cancellationToken);
    }

    /// <summary>Publishes the alert's pending command and ledgers its delivery; on failure it stays pending.</summary>
    private async Task<Alert> DeliverAsync(Alert alert, CancellationToken cancellationToken)
    {
        if (alert.PendingCommand is not { } command)
        {
            return alert;
        }

        try
        {
            await publisher.PublishAsync(command, cancellationToken);
            LogCommanded(command.Action, command.AlertId, command.Tenant, command.Site, command.LedgerPosition);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogPublishFailed(ex, command.CommandId, command.AlertId, _options.RedeliverAfter);
            return alert;
        }

        var delivered = new InterventionDelivered(alert.AlertId, command.CommandId, command.Action);
        for (var current = alert; ;)
        {
            try
            {
                return await alerts.AppendAsync(current, AlertEventTypes.InterventionDelivered, delivered, actor: null, cancellationToken);
            }
            catch (WrongExpectedVersionException)
            {
                // Someone appended to the alert meanwhile (an operator, the escalator): record the
                // delivery after it, unless that entry already replaced or delivered the command.
                var reloaded = await alerts.GetAsync(alert.Tenant, alert.AlertId, cancellationToken);
                if (reloaded?.PendingCommand?.CommandId != command.CommandId)
                {
                    return reloaded ?? alert;
                }

                current = reloaded;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "DCS command {Action} for alert {AlertId} sent to {Tenant}/{Site} (ledgered at {Position})")]
    private partial void LogCommanded(string action, string alertId, string tenant, string site, long position);

    [LoggerMessage(Level = LogLevel.Error, Message = "DCS command {CommandId} for alert {AlertId} is ledgered but could not be sent; sent again after {RedeliverAfter}")]
    private partial void LogPublishFailed(Exception exception, string commandId, string alertId, TimeSpan redeliverAfter);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sending DCS command {CommandId} for alert {AlertId} again (ledgered at {IssuedAt}, delivery not ledgered)")]
    private partial void LogRedelivering(string commandId, string alertId, DateTimeOffset issuedAt);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertId} of {Tenant} queued for human review: {Reason}")]
    private partial void LogReview(string alertId, string tenant, string reason);
}
