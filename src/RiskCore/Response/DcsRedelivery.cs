using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SafetyLedger.RiskCore.Response;

/// <summary>
/// Every <see cref="ResponseOptions.RedeliveryInterval"/> (on the <see cref="TimeProvider"/>'s clock),
/// sends again the DCS commands that are ledgered but not delivered — the outbox of the tiered response.
/// </summary>
public sealed partial class DcsRedelivery(TieredResponder responder, TimeProvider time, IOptions<ResponseOptions> options, ILogger<DcsRedelivery> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RedeliveryInterval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await responder.RedeliverPendingAsync(stoppingToken);
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

    [LoggerMessage(Level = LogLevel.Error, Message = "Looking for undelivered DCS commands failed")]
    private partial void LogFailed(Exception exception);
}
