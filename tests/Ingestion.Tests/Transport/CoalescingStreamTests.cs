using System.Text;
using SafetyLedger.Ingestion.Transport;

namespace SafetyLedger.Ingestion.Tests.Transport;

public sealed class CoalescingStreamTests
{
    [Fact]
    public async Task Writes_without_a_hold_leave_one_by_one()
    {
        var sent = new RecordingStream();
        await using var stream = new CoalescingStream(sent);

        await stream.WriteAsync("ab"u8.ToArray());
        stream.Write("cd"u8.ToArray(), 0, 2);

        Assert.Equal(["ab", "cd"], sent.Sends);
    }

    [Fact]
    public async Task Writes_under_a_hold_leave_together_in_order_when_the_last_hold_ends()
    {
        var sent = new RecordingStream();
        await using var stream = new CoalescingStream(sent);

        var outer = stream.Hold();
        await stream.WriteAsync("one,"u8.ToArray());
        var inner = stream.Hold();
        await stream.WriteAsync("two,"u8.ToArray());
        await inner.DisposeAsync();
        Assert.Empty(sent.Sends);

        stream.Write("three"u8.ToArray(), 0, 5);
        Assert.Empty(sent.Sends);
        await outer.DisposeAsync();

        Assert.Equal(["one,two,three"], sent.Sends);
        await stream.WriteAsync("four"u8.ToArray());
        Assert.Equal(["one,two,three", "four"], sent.Sends);
    }

    [Fact]
    public async Task A_failed_send_surfaces_where_the_hold_ends_and_later_writes_go_on()
    {
        var sent = new RecordingStream(failFirst: true);
        await using var stream = new CoalescingStream(sent);

        var hold = stream.Hold();
        await stream.WriteAsync("lost"u8.ToArray());
        await Assert.ThrowsAsync<IOException>(async () => await hold.DisposeAsync());

        await stream.WriteAsync("next"u8.ToArray());
        Assert.Equal(["next"], sent.Sends);
    }

    [Fact]
    public async Task Concurrent_writers_with_and_without_holds_lose_and_reorder_nothing()
    {
        var sent = new RecordingStream(delay: true);
        await using var stream = new CoalescingStream(sent);

        async Task WriteAsync(int writer)
        {
            for (var i = 0; i < 200; i++)
            {
                var hold = i % 3 == 0 ? stream.Hold() : (CoalescingStream.Held?)null;
                await stream.WriteAsync(Encoding.ASCII.GetBytes($"{writer}:{i};"));
                await Task.Yield();
                if (hold is { } h)
                {
                    await h.DisposeAsync();
                }
            }
        }

        await Task.WhenAll(Enumerable.Range(0, 4).Select(w => Task.Run(() => WriteAsync(w))));

        var records = string.Concat(sent.Sends).Split(';', StringSplitOptions.RemoveEmptyEntries)
            .Select(r => r.Split(':')).Select(p => (Writer: int.Parse(p[0]), Index: int.Parse(p[1]))).ToList();
        Assert.Equal(800, records.Count);
        foreach (var writer in records.GroupBy(r => r.Writer))
        {
            Assert.Equal(Enumerable.Range(0, 200), writer.Select(r => r.Index));
        }
    }

    /// <summary>Records each write the coalescing stream makes; optionally yields inside each, so writers overlap, or fails the first.</summary>
    private sealed class RecordingStream(bool delay = false, bool failFirst = false) : Stream
    {
        private readonly Lock gate = new();
        private readonly List<string> sends = [];
        private bool failNext = failFirst;

        public List<string> Sends
        {
            get
            {
                lock (gate)
                {
                    return [.. sends];
                }
            }
        }

        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override void Write(byte[] buffer, int offset, int count) => Record(buffer.AsSpan(offset, count));

        public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            var text = Encoding.ASCII.GetString(buffer.Span);
            if (failNext)
            {
                failNext = false;
                throw new IOException("connection reset");
            }

            if (delay)
            {
                await Task.Yield();
            }

            lock (gate)
            {
                sends.Add(text);
            }
        }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        private void Record(ReadOnlySpan<byte> bytes)
        {
            lock (gate)
            {
                sends.Add(Encoding.ASCII.GetString(bytes));
            }
        }
    }
}
