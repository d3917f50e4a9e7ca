using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SafetyLedger.RiskCore.Alerts;
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
        if (command.Action == OverrideAction.CancelIntervention && alert.CommandId is { } cancelled)
        {
            var cancel = new DcsCommand(
                $"{cancelled}-cancel",
                alert.AlertId,
                alert.Tenant,
                alert.Site,
                DcsCommand.CancelAction,
                command.Reason,
                alert.Level,
                alert.Confidence,
                time.GetUtcNow(),
                alert.LastPosition,
                cancelled);
            await PublishAsync(cancel, cancellationToken);
        }

        return alert;
    }

    private async Task<Alert> CommandAsync(Alert alert, SiteResponseOptions site, CancellationToken cancellationToken)
    {
        var action = site.ActionFor(alert.Level);
        var commandId = Guid.CreateVersion7(time.GetUtcNow()).ToString("N");
        var topic = DcsCommand.Topic(alert.Tenant, alert.Site);
        var reason = string.Create(CultureInfo.InvariantCulture, $"{alert.Level} alert at confidence {alert.Confidence:F2}: {alert.Explanation.Summary}");
        var commanded = new InterventionCommanded(alert.AlertId, commandId, alert.Site, topic, action, reason, alert.Level, alert.Confidence);
        var ledgered = await alerts.AppendAsync(alert, AlertEventTypes.InterventionCommanded, commanded, actor: null, cancellationToken);
        var command = new DcsCommand(commandId, alert.AlertId, alert.Tenant, alert.Site, action, reason, alert.Level, alert.Confidence, ledgered.UpdatedAt, ledgered.LastPosition);
        await PublishAsync(command, cancellationToken);
        return ledgered;
    }

    private async Task PublishAsync(DcsCommand command, CancellationToken cancellationToken)
    {
        try
        {
            await publisher.PublishAsync(command, cancellationToken);
            LogCommanded(command.Action, command.AlertId, command.Tenant, command.Site, command.LedgerPosition);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The command is ledgered; an operator sees it on the alert and the DCS link's failure here.
            LogPublishFailed(ex, command.CommandId, command.AlertId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "DCS command {Action} for alert {AlertId} sent to {Tenant}/{Site} (ledgered at {Position})")]
    private partial void LogCommanded(string action, string alertId, string tenant, string site, long position);

    [LoggerMessage(Level = LogLevel.Error, Message = "DCS command {CommandId} for alert {AlertId} is ledgered but could not be sent")]
    private partial void LogPublishFailed(Exception exception, string commandId, string alertId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Alert {AlertId} of {Tenant} queued for human review: {Reason}")]
    private partial void LogReview(string alertId, string tenant, string reason);
}
