using Microsoft.Extensions.Logging.Abstractions;
using SafetyLedger.Ingestion.Registry;
using SafetyLedger.Ingestion.Tests.Support;
using SafetyLedger.Ledger.Events;
using SafetyLedger.Ledger.Storage;
using SafetyLedger.Ledger.Storage.Sqlite;

namespace SafetyLedger.Ingestion.Tests.Registry;

public sealed class SensorRegistrarTests
{
    [Fact]
    public async Task Concurrent_registrations_all_reach_the_registry()
    {
        using var folder = new TempFolder();
        await using var store = SqliteLedgerStore.Open(new LedgerStorageOptions { DataDirectory = folder.Path }, TimeProvider.System, NullLogger<SqliteLedgerStore>.Instance);
        var registry = new SensorRegistry();
        var registrar = new SensorRegistrar(store, registry, TimeProvider.System);

        var results = await Task.WhenAll(Enumerable.Range(0, 100).Select(i => Task.Run(() =>
            registrar.RegisterAsync("acme", new SensorRegistration { Id = $"t-{i:D3}", Kind = SensorKind.Temperature, Unit = "°C", Site = "plant-1" }, "tester", CancellationToken.None))));

        Assert.All(results, r => Assert.NotNull(r.Sensor));
        Assert.Equal(100, registry.List("acme").Count);
        Assert.Equal(store.Count - 1, registry.LastPosition);
    }

    [Fact]
    public async Task Replaying_the_ledger_in_any_order_gives_the_same_registry()
    {
        using var folder = new TempFolder();
        await using var store = SqliteLedgerStore.Open(new LedgerStorageOptions { DataDirectory = folder.Path }, TimeProvider.System, NullLogger<SqliteLedgerStore>.Instance);
        var live = new SensorRegistry();
        var registrar = new SensorRegistrar(store, live, TimeProvider.System);
        for (var i = 0; i < 10; i++)
        {
            await registrar.RegisterAsync("acme", new SensorRegistration { Id = $"p-{i}", Kind = SensorKind.Pressure, Unit = "kPa", Site = "plant-1" }, "tester", CancellationToken.None);
        }

        var replayed = new SensorRegistry();
        foreach (var entry in (await store.ReadAllAsync(0, 100, CancellationToken.None)).Reverse())
        {
            replayed.Apply(entry);
        }

        Assert.Equal(live.List("acme").Select(s => (s.Registration.Id, s.Position)), replayed.List("acme").Select(s => (s.Registration.Id, s.Position)));
    }

    [Fact]
    public async Task A_restarted_projection_rebuilds_the_registry_from_the_sensor_streams_alone_and_ends_at_the_head()
    {
        using var folder = new TempFolder();
        await using var store = SqliteLedgerStore.Open(new LedgerStorageOptions { DataDirectory = folder.Path }, TimeProvider.System, NullLogger<SqliteLedgerStore>.Instance);
        var live = new SensorRegistry();
        var registrar = new SensorRegistrar(store, live, TimeProvider.System);
        for (var i = 0; i < 5; i++)
        {
            await registrar.RegisterAsync("acme", new SensorRegistration { Id = $"p-{i}", Kind = SensorKind.Pressure, Unit = "kPa", Site = "plant-1" }, "tester", CancellationToken.None);
            await store.AppendAsync(new AppendRequest($"telemetry-acme-{i}", ExpectedVersion.Any, [new EventData("TelemetryBatchSealed", "acme", DateTimeOffset.UnixEpoch, "{}"u8.ToArray(), new EventMetadata())]), CancellationToken.None);
        }

        await registrar.RegisterAsync("other", new SensorRegistration { Id = "p-0", Kind = SensorKind.Pressure, Unit = "MPa", Site = "plant-1" }, "tester", CancellationToken.None);
        await store.AppendAsync(new AppendRequest("other", ExpectedVersion.Any, [new EventData("Other", "acme", DateTimeOffset.UnixEpoch, "{}"u8.ToArray(), new EventMetadata())]), CancellationToken.None);

        var rebuilt = new SensorRegistry();
        await new SensorRegistryProjection(store, rebuilt, NullLogger<SensorRegistryProjection>.Instance).CatchUpAsync(CancellationToken.None);

        Assert.Equal(live.List("acme").Select(s => (s.Registration.Id, s.Registration.Unit, s.Position)), rebuilt.List("acme").Select(s => (s.Registration.Id, s.Registration.Unit, s.Position)));
        Assert.Equal("MPa", rebuilt.Find("other", "p-0")!.Registration.Unit);
        Assert.Equal(5, rebuilt.List("acme").Count);
        Assert.Equal(store.Count - 1, rebuilt.LastPosition);
    }
}
