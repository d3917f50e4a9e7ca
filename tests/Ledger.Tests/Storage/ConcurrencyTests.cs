using SafetyLedger.Ledger.Events;
using SafetyLedger.Ledger.Tests.Support;

namespace SafetyLedger.Ledger.Tests.Storage;

public sealed class ConcurrencyTests : IAsyncLifetime
{
    private readonly StoreFixture fixture = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await fixture.DisposeAsync();

    [Fact]
    public async Task Parallel_appenders_on_one_stream_win_exactly_once_per_expected_version()
    {
        const int Appenders = 8;
        const int Versions = 40;
        var wins = new int[Versions];
        using var start = new Barrier(Appenders);

        var tasks = Enumerable.Range(0, Appenders).Select(worker => Task.Run(async () =>
        {
            start.SignalAndWait();
            for (var version = 0; version < Versions; version++)
            {
                var expected = version == 0 ? ExpectedVersion.NoStream : ExpectedVersion.Exact(version - 1);
                try
                {
                    await fixture.Store.AppendAsync(new AppendRequest("contended", expected, [Some.Event(worker * 1000 + version)]), default);
                    Interlocked.Increment(ref wins[version]);
                }
                catch (WrongExpectedVersionException)
                {
                    // Another appender won this version: wait until the stream has it before trying the next.
                    while ((await fixture.Store.ReadStreamAsync("contended", version, 1, default)).Count == 0)
                    {
                        await Task.Yield();
                    }
                }
            }
        })).ToArray();
        await Task.WhenAll(tasks);

        Assert.All(wins, w => Assert.Equal(1, w));
        var entries = await fixture.Store.ReadAllAsync(0, 1000, default);
        Assert.Equal(Enumerable.Range(0, Versions).Select(i => (long)i), entries.Select(e => e.Position));
        Assert.Equal(Enumerable.Range(0, Versions).Select(i => (long)i), entries.Select(e => e.StreamVersion));
    }

    [Fact]
    public async Task Parallel_appenders_on_many_streams_keep_global_positions_dense()
    {
        var tasks = Enumerable.Range(0, 16).Select(worker => Task.Run(async () =>
        {
            for (var i = 0; i < 25; i++)
            {
                await fixture.Store.AppendAsync(Some.Append($"stream-{worker}", ExpectedVersion.Any, 1 + (i % 3)), default);
            }
        })).ToArray();
        await Task.WhenAll(tasks);

        var entries = await fixture.Store.ReadAllAsync(0, 10_000, default);
        Assert.Equal(Enumerable.Range(0, entries.Count).Select(i => (long)i), entries.Select(e => e.Position));
        Assert.Equal(16 * Enumerable.Range(0, 25).Sum(i => 1 + (i % 3)), entries.Count);
        foreach (var stream in entries.GroupBy(e => e.StreamId))
        {
            Assert.Equal(Enumerable.Range(0, stream.Count()).Select(i => (long)i), stream.Select(e => e.StreamVersion));
        }
    }
}
