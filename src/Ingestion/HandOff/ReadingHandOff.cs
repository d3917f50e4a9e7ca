using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SafetyLedger.Ingestion.HandOff;

/// <summary>
/// Holds each reading for the reorder window, releases them in corrected-time order into a bounded
/// channel (<see cref="BoundedChannelFullMode.Wait"/>), and makes <see cref="OfferAsync"/> wait when
/// <see cref="HandOffOptions.Capacity"/> readings are already buffered: back-pressure up to the transport.
/// </summary>
public sealed class ReadingHandOff : BackgroundService, IReadingStream
{
    private readonly HandOffOptions options;
    private readonly TimeProvider time;
    private readonly Channel<ValidatedReading> channel;
    private readonly SemaphoreSlim slots;
    private readonly SemaphoreSlim arrived = new(0);
    private readonly PriorityQueue<(ValidatedReading Reading, DateTimeOffset ReleaseAt), (long Corrected, long Order)> buffer = new();
    private readonly Lock gate = new();
    private long order;

    public ReadingHandOff(IOptions<HandOffOptions> options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options.Value;
        this.time = time;
        channel = Channel.CreateBounded<ValidatedReading>(new BoundedChannelOptions(this.options.Capacity)
        {
            FullMode = BoundedChannelFullMode.Wait,
            SingleWriter = true,
        });
        slots = new SemaphoreSlim(this.options.Capacity);
    }

    /// <summary>Readings waiting in the reorder buffer.</summary>
    public int Buffered
    {
        get
        {
            lock (gate)
            {
                return buffer.Count;
            }
        }
    }

    /// <summary>Queues readings for release; waits while the hand-off is full.</summary>
    public async Task OfferAsync(IReadOnlyList<ValidatedReading> readings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(readings);
        var releaseAt = time.GetUtcNow() + options.ReorderWindow;
        foreach (var reading in readings)
        {
            await slots.WaitAsync(cancellationToken);
            lock (gate)
            {
                buffer.Enqueue((reading, releaseAt), (reading.CorrectedTime.UtcTicks, order++));
            }
        }

        arrived.Release();
    }

    public async IAsyncEnumerable<ValidatedReading> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var reading in channel.Reader.ReadAllAsync(cancellationToken))
        {
            yield return reading;
        }
    }

    public override void Dispose()
    {
        slots.Dispose();
        arrived.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var tick = options.ReorderWindow > TimeSpan.Zero
            ? TimeSpan.FromTicks(Math.Max(options.ReorderWindow.Ticks / 4, TimeSpan.TicksPerMillisecond * 10))
            : TimeSpan.FromMilliseconds(100);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                foreach (var reading in TakeDue())
                {
                    await channel.Writer.WriteAsync(reading, stoppingToken);
                    slots.Release();
                }

                // Woken by new readings or by the tick; release times themselves come from the TimeProvider.
                await arrived.WaitAsync(tick, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; buffered readings are stored already and reach the risk core by replay.
        }
        finally
        {
            channel.Writer.TryComplete();
        }
    }

    private List<ValidatedReading> TakeDue()
    {
        var now = time.GetUtcNow();
        var due = new List<ValidatedReading>();
        lock (gate)
        {
            while (buffer.TryPeek(out var head, out _) && head.ReleaseAt <= now)
            {
                due.Add(buffer.Dequeue().Reading);
            }
        }

        return due;
    }
}
