using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace SafetyLedger.Ledger.Checkpoints;

/// <summary>Background service: every period, a new signed checkpoint if the tree grew.</summary>
public sealed partial class CheckpointService(
    CheckpointIssuer issuer,
    IOptions<CheckpointOptions> options,
    TimeProvider time,
    ILogger<CheckpointService> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Period, time);
        do
        {
            try
            {
                var checkpoint = await issuer.IssueIfGrownAsync(stoppingToken);
                if (checkpoint is not null)
                {
                    var root = Convert.ToBase64String(checkpoint.RootHash);
                    LogIssued(checkpoint.TreeSize, root);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A failed checkpoint is retried next period; appends go on.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogFailed(ex);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Checkpoint issued at tree size {Size} with root {Root}")]
    private partial void LogIssued(long size, string root);

    [LoggerMessage(Level = LogLevel.Error, Message = "Issuing a checkpoint failed; retrying next period")]
    private partial void LogFailed(Exception exception);
}
