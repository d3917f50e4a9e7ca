using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using SafetyLedger.Ingestion.Registry;

namespace SafetyLedger.Ingestion.Quality;

/// <summary>Recomputes every tenant's current and previous hour and day on a timer and stores the rows.</summary>
public sealed partial class QualityRollupService(
    ISensorRegistry registry,
    QualityCalculator calculator,
    IQualityStore store,
    IOptions<QualityOptions> options,
    TimeProvider time,
    ILogger<QualityRollupService> logger) : BackgroundService
{
    /// <summary>Computes and stores the roll-ups of the periods around <paramref name="now"/>; returns the rows written.</summary>
    public async Task<int> RollUpAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var hour = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
        var day = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerDay), TimeSpan.Zero);
        var written = 0;
        foreach (var tenant in registry.Tenants())
        {
            foreach (var (period, start) in new[] { (QualityPeriod.Hour, hour.AddHours(-1)), (QualityPeriod.Hour, hour), (QualityPeriod.Day, day.AddDays(-1)), (QualityPeriod.Day, day) })
            {
                var rows = await calculator.ComputeAsync(tenant, period, start, cancellationToken);
                await store.UpsertAsync(rows, cancellationToken);
                written += rows.Count;
            }
        }

        return written;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.RollupInterval, time);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RollUpAsync(time.GetUtcNow(), stoppingToken);
            }
            catch (Exception ex) when (ex is IOException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
            {
                LogFailed(ex);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Quality roll-up failed; it is retried on the next tick")]
    private partial void LogFailed(Exception exception);
}
