using Microsoft.Extensions.Hosting;
using SafetyLedger.Ingestion.HandOff;

namespace SafetyLedger.Ingestion.Bench;

/// <summary>Stands in for the risk core: drains <see cref="IReadingStream"/> and counts what it is handed.</summary>
internal sealed class ReadingDrain(IReadingStream stream) : BackgroundService
{
    private long handed;
    private long lastHandedTicks;

    public long Handed => Interlocked.Read(ref handed);

    public DateTimeOffset LastHanded => new(Interlocked.Read(ref lastHandedTicks), TimeSpan.Zero);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var reading in stream.ReadAllAsync(stoppingToken))
            {
                _ = reading;
                Interlocked.Increment(ref handed);
                Interlocked.Exchange(ref lastHandedTicks, DateTimeOffset.UtcNow.UtcTicks);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }
}
