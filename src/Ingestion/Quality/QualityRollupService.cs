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
    // Per tenant, the previous day as last computed and the sensors registered then: a day row is the sum of its hour
    // rows, so once none of the previous day's hours is rewritten (after 01:00) and no sensor was added, it is final.
    private readonly Dictionary<string, (DateTimeOffset Day, int Sensors)> previousDays = new(StringComparer.Ordinal);

    /// <summary>Computes and stores the roll-ups of the periods around <paramref name="now"/>; returns the rows written.</summary>
    public async Task<int> RollUpAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var hour = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerHour), TimeSpan.Zero);
        var day = new DateTimeOffset(now.UtcTicks - (now.UtcTicks % TimeSpan.TicksPerDay), TimeSpan.Zero);
        var written = 0;
        foreach (var tenant in registry.Tenants())
        {
            var sensors = registry.List(tenant).Count;
            var previousDayFinal = hour.AddHours(-1) >= day && previousDays.GetValueOrDefault(tenant) == (day.AddDays(-1), sensors);
            var periods = new List<(QualityPeriod, DateTimeOffset)> { (QualityPeriod.Hour, hour.AddHours(-1)), (QualityPeriod.Hour, hour) };
            if (!previousDayFinal)
            {
                periods.Add((QualityPeriod.Day, day.AddDays(-1)));
            }

            periods.Add((QualityPeriod.Day, day));
            foreach (var (period, start) in periods)
            {
                var rows = await calculator.ComputeAsync(tenant, period, start, cancellationToken);
                await store.UpsertAsync(rows, cancellationToken);
                written += rows.Count;
            }

            previousDays[tenant] = (day.AddDays(-1), sensors);
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
