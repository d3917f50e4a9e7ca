using System.Buffers;

namespace SafetyLedger.Ingestion.Transport;

/// <summary>
/// A connection's stream whose writes can be held back and sent together: while a <see cref="Hold"/> is open, writes
/// only queue their bytes (and complete at once); closing the last hold sends everything queued in one write. The
/// consumer holds the stream while it acknowledges a commit's worth of messages, so their PUBACKs leave in one TCP
/// send instead of one system call (and one loopback delivery to the broker) each. Every write queues its bytes in call
/// order and one send at a time takes whatever is queued, so bytes leave in the order they were written.
/// </summary>
internal sealed class CoalescingStream(Stream inner) : Stream
{
    private readonly Lock gate = new();
    private readonly SemaphoreSlim sending = new(1, 1);
    private ArrayBufferWriter<byte> queued = new(4096);
    private ArrayBufferWriter<byte> spare = new(4096);
    private int holds;

    public override bool CanRead => inner.CanRead;

    public override bool CanSeek => false;

    public override bool CanWrite => inner.CanWrite;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    /// <summary>Holds writes back until the returned hold is disposed (holds nest; the last one out sends).</summary>
    public Held Hold()
    {
        lock (gate)
        {
            holds++;
        }

        return new Held(this);
    }

    public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        inner.ReadAsync(buffer, offset, count, cancellationToken);

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        inner.ReadAsync(buffer, cancellationToken);

    public override void Write(byte[] buffer, int offset, int count)
    {
        lock (gate)
        {
            queued.Write(buffer.AsSpan(offset, count));
            if (holds > 0)
            {
                return;
            }
        }

        sending.Wait();
        try
        {
            if (Take() is { } taken)
            {
                try
                {
                    inner.Write(taken.WrittenSpan);
                }
                finally
                {
                    taken.ResetWrittenCount();
                }
            }
        }
        finally
        {
            sending.Release();
        }
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        lock (gate)
        {
            queued.Write(buffer.Span);
            if (holds > 0)
            {
                return ValueTask.CompletedTask;
            }
        }

        return SendQueuedAsync(cancellationToken);
    }

    public override void Flush()
    {
    }

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            inner.Dispose();
            sending.Dispose();
        }

        base.Dispose(disposing);
    }

    private async ValueTask ReleaseAsync()
    {
        lock (gate)
        {
            if (--holds > 0 || queued.WrittenCount == 0)
            {
                return;
            }
        }

        await SendQueuedAsync(CancellationToken.None);
    }

    /// <summary>Sends whatever is queued (perhaps already sent by an earlier caller's send), one send at a time.</summary>
    private async ValueTask SendQueuedAsync(CancellationToken cancellationToken)
    {
        await sending.WaitAsync(cancellationToken);
        try
        {
            if (Take() is { } taken)
            {
                try
                {
                    await inner.WriteAsync(taken.WrittenMemory, cancellationToken);
                }
                finally
                {
                    taken.ResetWrittenCount();
                }
            }
        }
        finally
        {
            sending.Release();
        }
    }

    /// <summary>The queued bytes to send, or null when an earlier send took them; called by the one sender.</summary>
    private ArrayBufferWriter<byte>? Take()
    {
        lock (gate)
        {
            if (queued.WrittenCount == 0)
            {
                return null;
            }

            // The sender alone touches the spare until the next send, which waits for this one.
            var taken = queued;
            (queued, spare) = (spare, taken);
            return taken;
        }
    }

    /// <summary>An open hold on a <see cref="CoalescingStream"/>; disposing it sends what was held, once no other hold is open.</summary>
    public readonly struct Held(CoalescingStream stream) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => stream.ReleaseAsync();
    }
}
