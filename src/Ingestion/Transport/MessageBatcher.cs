using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using SafetyLedger.Ingestion.Pipeline;

namespace SafetyLedger.Ingestion.Transport;

/// <summary>
/// Gathers MQTT messages, which the brokers deliver one at a time, into pipeline calls: whatever has arrived while
/// the previous batch was being validated goes through the pipeline together (up to
/// <see cref="MqttTransportOptions.MaxBatch"/>), so a burst costs one store write and one hand-off offer instead of
/// one per message, and up to <see cref="MqttTransportOptions.BatchesInFlight"/> batches are under way at once.
/// Each message's task completes with its own outcome once the whole batch is durable, or fails with the batch.
/// </summary>
public sealed class MessageBatcher(IngestionPipeline pipeline, IOptions<MqttTransportOptions> options) : BackgroundService
{
    private readonly Channel<Submission> queue = Channel.CreateUnbounded<Submission>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues a message; the task completes when its readings or dead letters are durable.</summary>
    public Task<IngestOutcome> SubmitAsync(IngestEnvelope envelope)
    {
        var submission = new Submission(envelope);
        if (!queue.Writer.TryWrite(submission))
        {
            submission.Completion.TrySetException(new OperationCanceledException("Ingestion is shutting down; the message was not stored."));
        }

#pragma warning disable VSTHRD003 // Completed by the batch that carries the message.
        return submission.Completion.Task;
#pragma warning restore VSTHRD003
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var o = options.Value;
        var maxBatch = Math.Max(1, o.MaxBatch);
        var slots = Math.Max(1, o.BatchesInFlight);
        using var room = new SemaphoreSlim(slots);
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await room.WaitAsync(stoppingToken);
                var batch = new List<Submission>(Math.Min(maxBatch, 64));
                while (batch.Count < maxBatch && queue.Reader.TryRead(out var next))
                {
                    batch.Add(next);
                }

                // Settles every message of the batch and releases its slot; never throws.
                _ = RunAsync(batch, room, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what is queued was not stored and is not acknowledged; its senders publish it again.
        }
        finally
        {
            queue.Writer.TryComplete();
            while (queue.Reader.TryRead(out var left))
            {
                left.Completion.TrySetCanceled(CancellationToken.None);
            }

            // Every slot back means every batch under way has settled its messages.
            for (var i = 0; i < slots; i++)
            {
                await room.WaitAsync(CancellationToken.None);
            }
        }
    }

    private async Task RunAsync(List<Submission> batch, SemaphoreSlim room, CancellationToken cancellationToken)
    {
        try
        {
            var envelopes = new IngestEnvelope[batch.Count];
            for (var i = 0; i < envelopes.Length; i++)
            {
                envelopes[i] = batch[i].Envelope;
            }

            var outcomes = await pipeline.IngestAsync(envelopes, cancellationToken);
            for (var i = 0; i < outcomes.Count; i++)
            {
                batch[i].Completion.TrySetResult(outcomes[i]);
            }
        }
#pragma warning disable CA1031 // The failure is the batch's: every message in it is failed with it and not acknowledged.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            foreach (var submission in batch)
            {
                submission.Completion.TrySetException(ex);
            }
        }
        finally
        {
            room.Release();
        }
    }

    private sealed record Submission(IngestEnvelope Envelope)
    {
        public TaskCompletionSource<IngestOutcome> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
