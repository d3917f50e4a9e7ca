using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SafetyLedger.Ledger.Events;

namespace SafetyLedger.RiskCore.Alerts.Escalation;

/// <summary>
/// Escalates alerts that stay unacknowledged past their level's time: every
/// <see cref="EscalationOptions.CheckInterval"/> (on the <see cref="TimeProvider"/>'s clock) each
/// due step is ledgered as <c>AlertEscalated</c>.
/// </summary>
public sealed partial class AlertEscalator(AlertService alerts, TimeProvider time, IOptions<EscalationOptions> options, ILogger<AlertEscalator> logger) : BackgroundService
{
    private readonly EscalationOptions _options = options.Value;

    /// <summary>Ledgers every escalation step due now; returns how many.</summary>
    public async Task<int> EscalateDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var escalated = 0;
        foreach (var alert in await alerts.OpenAlertsAsync(cancellationToken))
        {
            if (alert.State != AlertState.Raised || _options.AcknowledgeWithin(alert.Level) is not { } within || within <= TimeSpan.Zero)
            {
                continue;
            }

            var due = Math.Min((int)Math.Floor((now - alert.RaisedAt) / within), _options.MaxSteps);
            if (due <= alert.Escalations)
            {
                continue;
            }

            try
            {
                await alerts.EscalateAsync(alert, alert.Escalations + 1, cancellationToken);
                LogEscalated(alert.AlertId, alert.Tenant, alert.Escalations + 1, alert.Level);
                escalated++;
            }
            catch (Exception ex) when (ex is WrongExpectedVersionException or AlertTransitionException)
            {
                // Acknowledged or changed meanwhile: the next check sees the new state.
                LogSkipped(alert.AlertId, ex.Message);
            }
        }

        return escalated;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.CheckInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await EscalateDueAsync(stoppingToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(ex);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Escalated alert {AlertId} of {Tenant} to step {Step} ({Level} not acknowledged in time)")]
    private partial void LogEscalated(string alertId, string tenant, int step, Fusion.RiskLevel level);

    [LoggerMessage(Level = LogLevel.Information, Message = "Escalation of alert {AlertId} skipped: {Reason}")]
    private partial void LogSkipped(string alertId, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Escalation check failed")]
    private partial void LogFailed(Exception exception);
}
