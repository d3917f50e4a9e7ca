using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using SafetyLedger.Ingestion.Digests;
using SafetyLedger.Ingestion.Telemetry;
using SafetyLedger.Ingestion.Telemetry.Sqlite;
using SafetyLedger.Ingestion.Tests.Support;
using SafetyLedger.Ledger.Events;
using SafetyLedger.Ledger.Storage;
using SafetyLedger.Ledger.Storage.Sqlite;

namespace SafetyLedger.Ingestion.Tests.Digests;

/// <summary>The sealer on a real telemetry store and a real ledger, with a clock of its own.</summary>
public sealed class DigestSealerTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Start = new(2025, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly string[] Sensors = ["h2s-1", "h2s-2", "h2s-3"];

    private readonly TempFolder folder = new();
    private readonly FakeTimeProvider time = new(Start);
    private SqliteLedgerStore ledger = null!;
    private SqliteTelemetryDatabase database = null!;
    private SqliteTelemetryStore store = null!;

    public Task InitializeAsync()
    {
        ledger = SqliteLedgerStore.Open(new LedgerStorageOptions { DataDirectory = folder.Path, Synchronous = SynchronousMode.Normal }, time, NullLogger<SqliteLedgerStore>.Instance);
        database = SqliteTelemetryDatabase.Open(new TelemetryStorageOptions { DataDirectory = folder.Path, Synchronous = SynchronousMode.Normal }, time, NullLogger<SqliteTelemetryDatabase>.Instance);
        store = new SqliteTelemetryStore(database);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await database.DisposeAsync();
        await ledger.DisposeAsync();
    }

    public void Dispose() => folder.Dispose();

    [Theory]
    [InlineData(4_096)]
    [InlineData(10)]
    public async Task One_call_seals_every_due_window_of_every_sensor_even_beyond_one_page_of_readings(int maxReadingsPerWrite)
    {
        // 3 sensors × 2 one-minute windows × 8 readings = 48, read 10 at a time; written all together or a batch at a time.
        await store.AppendAsync([.. Sensors.SelectMany((sensor, s) => Enumerable.Range(0, 16).Select(i => Reading(sensor, i, s)))], CancellationToken.None);
        time.SetUtcNow(Start.AddMinutes(3));

        var sealedBatches = await Sealer(maxReadingsPerPass: 10, maxReadingsPerWrite).SealDueAsync(CancellationToken.None);

        Assert.Equal(6, sealedBatches.Count);
        Assert.All(sealedBatches, b => Assert.Equal(8, b.Count));
        Assert.Empty(await store.ReadUnsealedAsync(Start.AddHours(1), 100, CancellationToken.None));
        foreach (var sensor in Sensors)
        {
            var entries = await ledger.ReadStreamAsync(TelemetryBatchSealed.StreamId(Some.Tenant, sensor), 0, 10, CancellationToken.None);
            Assert.Equal([0L, 1L], entries.Select(e => e.StreamVersion));
            Assert.Equal(
                entries.Select(e => e.Position),
                sealedBatches.Where(b => b.SensorId == sensor).OrderBy(b => b.StreamVersion).Select(b => b.LedgerPosition!.Value));
        }

        Assert.Empty(await store.ReadUnrecordedBatchesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Batches_left_without_their_ledger_entry_or_position_by_a_crash_are_recorded_once_on_the_next_pass()
    {
        await store.AppendAsync([.. Sensors.SelectMany((sensor, s) => Enumerable.Range(0, 8).Select(i => Reading(sensor, i, s)))], CancellationToken.None);
        time.SetUtcNow(Start.AddMinutes(3));
        var unsealed = await store.ReadUnsealedAsync(Start.AddMinutes(1), 100, CancellationToken.None);
        var drafts = unsealed.GroupBy(r => r.Reading.SensorId).Select(g => DigestSealer.Draft(Some.Tenant, g.Key, [.. g])).ToList();

        // A crash after the batches were stored, when the first one's ledger entry had been appended but not its position.
        var batches = await store.CreateBatchesAsync(drafts, CancellationToken.None);
        var first = batches[0];
        var payload = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(DigestSealer.Payload(first), IngestionJsonContext.Default.TelemetryBatchSealed);
        var appended = await ledger.AppendAsync(
            new AppendRequest(TelemetryBatchSealed.StreamId(Some.Tenant, first.SensorId), ExpectedVersion.NoStream, [new EventData(TelemetryBatchSealed.EventType, Some.Tenant, first.To, payload)]),
            CancellationToken.None);

        var recorded = await Sealer(maxReadingsPerPass: 100).SealDueAsync(CancellationToken.None);

        Assert.Equal(batches.Select(b => b.Id).Order(), recorded.Select(b => b.Id).Order());
        Assert.Equal(appended.FirstPosition, recorded.Single(b => b.Id == first.Id).LedgerPosition);
        foreach (var sensor in Sensors)
        {
            Assert.Single(await ledger.ReadStreamAsync(TelemetryBatchSealed.StreamId(Some.Tenant, sensor), 0, 10, CancellationToken.None));
        }

        Assert.Empty(await store.ReadUnrecordedBatchesAsync(CancellationToken.None));
        Assert.Empty(await Sealer(maxReadingsPerPass: 100).SealDueAsync(CancellationToken.None));
    }

    private static TelemetryReading Reading(string sensor, int i, int sensorIndex)
    {
        var t = Start.AddSeconds((i * 7.5) + sensorIndex);
        return new TelemetryReading(Some.Tenant, Some.Site, sensor, t, t, t, 1 + i, "ppm", 1 + i, "ppm", "good", i);
    }

    private DigestSealer Sealer(int maxReadingsPerPass, int maxReadingsPerWrite = 4_096) => new(
        store,
        ledger,
        Options.Create(new DigestOptions { MaxReadingsPerPass = maxReadingsPerPass, MaxReadingsPerWrite = maxReadingsPerWrite, SealDelay = TimeSpan.FromSeconds(30) }),
        time,
        NullLogger<DigestSealer>.Instance);
}
