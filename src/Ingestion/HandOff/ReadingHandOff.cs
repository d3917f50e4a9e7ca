using System.Runtime.CompilerServices;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SafetyLedger.Ingestion.HandOff;

/// <summary>
/// Holds each reading for the reorder window, releases them in corrected-time order into a bounded
/// channel of <see cref="HandOffOptions.Capacity"/> (<see cref="BoundedChannelFullMode.Wait"/>), and makes
/// <see cref="OfferAsync"/> wait when <see cref="HandOffOptions.MaxHeld"/> readings are held: back-pressure from
/// the risk core up to the transport.
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
        slots = new SemaphoreSlim(this.options.MaxHeld);
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
        var wake = false;
        foreach (var reading in readings)
        {
            await slots.WaitAsync(cancellationToken);
            lock (gate)
            {
                wake |= buffer.Count == 0;
                buffer.Enqueue((reading, releaseAt), (reading.CorrectedTime.UtcTicks, order++));
            }
        }

        // The release loop sleeps until the head's release time; an arrival never moves that earlier
        // (it is released a whole window from now), so only an arrival into an empty buffer wakes it.
        if (wake || options.ReorderWindow <= TimeSpan.Zero)
        {
            arrived.Release();
        }
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
        // At most this long asleep, so a TimeProvider that is not the wall clock still gets looked at.
        var longest = options.ReorderWindow > TimeSpan.Zero
            ? TimeSpan.FromTicks(Math.Max(options.ReorderWindow.Ticks / 4, TimeSpan.TicksPerMillisecond * 10))
            : TimeSpan.FromMilliseconds(100);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var (due, next) = TakeDue();
                foreach (var reading in due)
                {
                    await channel.Writer.WriteAsync(reading, stoppingToken);
                    slots.Release();
                }

                // Woken by an arrival into an empty buffer or when the head is due, but not sooner than the release
                // interval after a release (a batch per wake-up); release times come from the TimeProvider.
                var sleep = next is { } at ? at - time.GetUtcNow() : longest;
                if (due.Count > 0 && sleep < options.ReleaseInterval)
                {
                    sleep = options.ReleaseInterval;
                }

                if (sleep > TimeSpan.Zero)
                {
                    await arrived.WaitAsync(sleep < longest ? sleep : longest, stoppingToken);
                }
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

    private (List<ValidatedReading> Due, DateTimeOffset? Next) TakeDue()
    {
        var now = time.GetUtcNow();
        var due = new List<ValidatedReading>();
        lock (gate)
        {
            while (buffer.TryPeek(out var head, out _))
            {
                if (head.ReleaseAt > now)
                {
                    return (due, head.ReleaseAt);
                }

                due.Add(buffer.Dequeue().Reading);
            }
        }

        return (due, null);
    }
}
