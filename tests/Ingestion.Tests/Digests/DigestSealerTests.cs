using System.Text.Json;
using Microsoft.Data.Sqlite;
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
        OpenTelemetry();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await database.DisposeAsync();
        await ledger.DisposeAsync();
    }

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task One_call_seals_every_due_window_of_every_sensor_without_writing_a_reading()
    {
        // 3 sensors × 2 one-minute windows × 8 readings.
        await store.AppendAsync([.. Sensors.SelectMany((sensor, s) => Enumerable.Range(0, 16).Select(i => Reading(sensor, i, s)))], CancellationToken.None);
        time.SetUtcNow(Start.AddMinutes(3));

        var sealedBatches = await Sealer().SealDueAsync(CancellationToken.None);

        Assert.Equal(6, sealedBatches.Count);
        Assert.All(sealedBatches, b => Assert.Equal(8, b.Count));
        Assert.Equal(new SealProgress(Start.AddMinutes(2), 48), await store.ReadSealProgressAsync(CancellationToken.None));
        Assert.Equal("0", Scalar("SELECT count(*) FROM readings WHERE batch_id IS NOT NULL"));
        foreach (var sensor in Sensors)
        {
            var entries = await ledger.ReadStreamAsync(TelemetryBatchSealed.StreamId(Some.Tenant, sensor), 0, 10, CancellationToken.None);
            Assert.Equal([0L, 1L], entries.Select(e => e.StreamVersion));
            Assert.Equal(
                entries.Select(e => e.Position),
                sealedBatches.Where(b => b.SensorId == sensor).OrderBy(b => b.StreamVersion).Select(b => b.LedgerPosition!.Value));
        }

        Assert.Empty(await store.ReadUnrecordedBatchesAsync(CancellationToken.None));
        await AssertVerifiesAsync(48);
    }

    [Fact]
    public async Task A_reading_stored_after_its_window_was_sealed_goes_into_a_later_batch_of_that_window()
    {
        await store.AppendAsync([.. Enumerable.Range(0, 8).Select(i => Reading("h2s-1", i, 0))], CancellationToken.None);
        time.SetUtcNow(Start.AddMinutes(2));
        Assert.Single(await Sealer().SealDueAsync(CancellationToken.None));

        // Late for the first window, and one in the second window, which is due by now as well.
        await store.AppendAsync([Reading("h2s-1", 0, 0) with { SourceTime = Start.AddSeconds(59), CorrectedTime = Start.AddSeconds(59), Value = 42, Sequence = 100 }, Reading("h2s-1", 9, 0)], CancellationToken.None);
        time.SetUtcNow(Start.AddMinutes(3));
        var later = await Sealer().SealDueAsync(CancellationToken.None);

        Assert.Equal([(1L, 1, Start.AddSeconds(59)), (2L, 1, Start.AddSeconds(67.5))], later.Select(b => (b.StreamVersion, b.Count, b.From)));
        await AssertVerifiesAsync(10);
    }

    [Fact]
    public async Task Batches_left_without_their_ledger_entry_or_position_by_a_crash_are_recorded_once_on_the_next_pass()
    {
        await store.AppendAsync([.. Sensors.SelectMany((sensor, s) => Enumerable.Range(0, 8).Select(i => Reading(sensor, i, s)))], CancellationToken.None);
        time.SetUtcNow(Start.AddMinutes(3));
        var drafts = new List<BatchDraft>();
        await foreach (var sensor in store.ReadUnsealedWindowAsync(Start, Start.AddMinutes(1), 24, CancellationToken.None))
        {
            drafts.Add(DigestSealer.Draft(Some.Tenant, sensor[0].Reading.SensorId, sensor));
        }

        // A crash after the batches were stored, when the first one's ledger entry had been appended but not its position.
        var batches = await store.CreateBatchesAsync(drafts, new SealProgress(Start.AddMinutes(1), 24), CancellationToken.None);
        var first = batches[0];
        var appended = await ledger.AppendAsync(
            new AppendRequest(TelemetryBatchSealed.StreamId(Some.Tenant, first.SensorId), ExpectedVersion.NoStream, [new EventData(TelemetryBatchSealed.EventType, Some.Tenant, first.To, Payload(first))]),
            CancellationToken.None);

        var recorded = await Sealer().SealDueAsync(CancellationToken.None);

        Assert.Equal(batches.Select(b => b.Id).Order(), recorded.Select(b => b.Id).Order());
        Assert.Equal(appended.FirstPosition, recorded.Single(b => b.Id == first.Id).LedgerPosition);
        foreach (var sensor in Sensors)
        {
            Assert.Single(await ledger.ReadStreamAsync(TelemetryBatchSealed.StreamId(Some.Tenant, sensor), 0, 10, CancellationToken.None));
        }

        Assert.Empty(await Sealer().SealDueAsync(CancellationToken.None));
        await AssertVerifiesAsync(24);
    }

    [Fact]
    public async Task A_file_sealed_by_batch_id_before_schema_5_goes_on_by_range_and_both_kinds_verify()
    {
        // As schema 4 left it: the first window sealed by setting batch_id on its readings, the second not sealed yet.
        await store.AppendAsync([.. Enumerable.Range(0, 16).Select(i => Reading("h2s-1", i, 0))], CancellationToken.None);
        var old = new TelemetryBatch(0, Some.Tenant, "h2s-1", 0, Start, Start.AddSeconds(52.5), 8, 1, 8, 4.5, "ppm", OldDigest(), null);
        var position = (await ledger.AppendAsync(
            new AppendRequest(TelemetryBatchSealed.StreamId(Some.Tenant, "h2s-1"), ExpectedVersion.NoStream, [new EventData(TelemetryBatchSealed.EventType, Some.Tenant, old.To, Payload(old with { Id = 1 }))]),
            CancellationToken.None)).FirstPosition;
        await database.DisposeAsync();
        Execute($"""
            INSERT INTO batches (id, tenant, sensor_id, stream_version, from_ticks, to_ticks, count, min, max, mean, unit, sha256, ledger_position)
            VALUES (1, '{Some.Tenant}', 'h2s-1', 0, {old.From.UtcTicks}, {old.To.UtcTicks}, 8, 1, 8, 4.5, 'ppm', '{old.Sha256}', {position});
            UPDATE readings SET batch_id = 1 WHERE id <= 8;
            DELETE FROM seal_progress;
            PRAGMA user_version = 4;
            """);
        OpenTelemetry();
        Assert.Equal(new SealProgress(Start.AddSeconds(60), 16), await store.ReadSealProgressAsync(CancellationToken.None));

        time.SetUtcNow(Start.AddMinutes(3));
        var sealedBatches = await Sealer().SealDueAsync(CancellationToken.None);

        Assert.Equal([(1L, 8)], sealedBatches.Select(b => (b.StreamVersion, b.Count)));
        await AssertVerifiesAsync(16);
    }

    private static TelemetryReading Reading(string sensor, int i, int sensorIndex)
    {
        var t = Start.AddSeconds((i * 7.5) + sensorIndex);
        return new TelemetryReading(Some.Tenant, Some.Site, sensor, t, t, t, 1 + i, "ppm", 1 + i, "ppm", "good", i);
    }

    private static string OldDigest() => BatchEncoding.Digest(Enumerable.Range(0, 8).Select(i => Reading("h2s-1", i, 0)));

    private static byte[] Payload(TelemetryBatch batch) =>
        JsonSerializer.SerializeToUtf8Bytes(DigestSealer.Payload(batch), IngestionJsonContext.Default.TelemetryBatchSealed);

    private async Task AssertVerifiesAsync(int readings)
    {
        var report = await new TelemetryDigestVerifier(store, ledger).VerifyAsync(null, CancellationToken.None);
        Assert.True(report.Passed, string.Join('\n', report.Findings.Select(f => f.Message)));
        Assert.Equal(readings, report.ReadingsChecked);
    }

    private void OpenTelemetry()
    {
        database = SqliteTelemetryDatabase.Open(new TelemetryStorageOptions { DataDirectory = folder.Path, Synchronous = SynchronousMode.Normal }, time, NullLogger<SqliteTelemetryDatabase>.Instance);
        store = new SqliteTelemetryStore(database);
    }

    private DigestSealer Sealer() => new(
        store,
        ledger,
        Options.Create(new DigestOptions { SealDelay = TimeSpan.FromSeconds(30) }),
        time,
        NullLogger<DigestSealer>.Instance);

    private string? Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder.Path, "telemetry.db")};Mode=ReadOnly;Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(folder.Path, "telemetry.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
