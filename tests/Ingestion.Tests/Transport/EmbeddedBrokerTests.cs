using System.Text.Json;
using MQTTnet;
using SafetyLedger.Ingestion.DeadLetters;
using SafetyLedger.Ingestion.Digests;
using SafetyLedger.Ingestion.HandOff;
using SafetyLedger.Ingestion.Pipeline;
using SafetyLedger.Ingestion.Telemetry;
using SafetyLedger.Ingestion.Telemetry.Sqlite;
using SafetyLedger.Ingestion.Tests.Support;
using SafetyLedger.Ledger.Events;

namespace SafetyLedger.Ingestion.Tests.Transport;

public sealed class EmbeddedBrokerTests : IAsyncLifetime, IDisposable
{
    private readonly TempFolder folder = new();
    private IngestionHost host = null!;
    private MqttTestClient sensor = null!;

    public async Task InitializeAsync()
    {
        host = await IngestionHost.StartAsync(folder.Path);
        await host.RegisterAsync(Some.H2S());
        await host.RegisterAsync(Some.Accelerometer());
        sensor = await MqttTestClient.ConnectAsync(host.MqttPort);
    }

    public async Task DisposeAsync()
    {
        await sensor.DisposeAsync();
        await host.DisposeAsync();
    }

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task A_reading_is_stored_before_its_PUBACK_and_sealed_into_the_ledger()
    {
        var now = DateTimeOffset.UtcNow;
        var result = await sensor.PublishAsync(Some.Topic(), Some.Reading(now, 3.5, "ppm", seq: 1));
        Assert.True(result.IsSuccess);

        // The PUBACK is back: the reading must already be in the store, without waiting.
        var store = host.Get<ITelemetryStore>();
        var stored = await store.QueryAsync(Some.Tenant, "h2s-1", now.AddMinutes(-1), now.AddMinutes(1), CancellationToken.None);
        var reading = Assert.Single(stored).Reading;
        Assert.Equal(3.5, reading.Value);
        Assert.Equal("good", reading.Quality);

        await Task.Delay(TimeSpan.FromSeconds(1.2)); // the 1 s test window closes
        var batches = await host.Get<DigestSealer>().SealDueAsync(CancellationToken.None);
        var batch = Assert.Single(batches);
        var entry = await host.Get<IEventStore>().ReadAsync(batch.LedgerPosition!.Value, CancellationToken.None);
        Assert.NotNull(entry);
        Assert.Equal($"telemetry-{Some.Tenant}-h2s-1", entry.StreamId);
        Assert.Equal(TelemetryBatchSealed.EventType, entry.EventType);
        using var payload = JsonDocument.Parse(entry.Payload);
        Assert.Equal(1, payload.RootElement.GetProperty("count").GetInt32());
        Assert.Equal(BatchEncoding.Digest([reading]), payload.RootElement.GetProperty("sha256").GetString());
        Assert.Empty(host.Errors.Errors);
    }

    [Fact]
    public async Task Publishes_in_flight_together_on_one_connection_are_each_stored_before_their_PUBACK_and_forwarded_once_stored()
    {
        const int Count = 200;
        await using var watcher = await MqttTestClient.ConnectAsync(host.MqttPort);
        await watcher.SubscribeAsync(Some.Topic());
        var store = host.Get<ITelemetryStore>();
        var now = DateTimeOffset.UtcNow;
        var unstoredAtPuback = 0;

        await Task.WhenAll(Enumerable.Range(0, Count).Select(async i =>
        {
            var result = await sensor.PublishAsync(Some.Topic(), Some.Reading(now.AddMilliseconds(-i), i, seq: i));
            Assert.True(result.IsSuccess, result.ReasonString);
            var stored = await store.QueryAsync(Some.Tenant, "h2s-1", now.AddSeconds(-5), now.AddSeconds(5), CancellationToken.None);
            if (stored.Count(r => r.Reading.Sequence == i) != 1)
            {
                Interlocked.Increment(ref unstoredAtPuback);
            }
        }));

        Assert.Equal(0, unstoredAtPuback);
        Assert.Equal(Count, host.Get<IngestionMetrics>().Accepted);
        for (var i = 0; i < Count; i++)
        {
            var (_, forwarded) = await watcher.NextAsync(TimeSpan.FromSeconds(5));
            using var json = JsonDocument.Parse(forwarded);
            var seq = json.RootElement.GetProperty("seq").GetInt64();
            var stored = await store.QueryAsync(Some.Tenant, "h2s-1", now.AddSeconds(-5), now.AddSeconds(5), CancellationToken.None);
            Assert.Single(stored, r => r.Reading.Sequence == seq);
        }

        Assert.Empty(host.Errors.Errors);
    }

    [Fact]
    public async Task When_the_store_fails_the_PUBACK_carries_an_error_and_the_message_is_not_forwarded()
    {
        await using var watcher = await MqttTestClient.ConnectAsync(host.MqttPort);
        await watcher.SubscribeAsync(Some.Topic());
        await host.Get<SqliteTelemetryDatabase>().DisposeAsync(); // every write now fails

        var result = await sensor.PublishAsync(Some.Topic(), Some.Reading(DateTimeOffset.UtcNow, 1.5, seq: 1));

        Assert.Equal(MqttClientPublishReasonCode.ImplementationSpecificError, result.ReasonCode);
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => watcher.NextAsync(TimeSpan.FromMilliseconds(500)));
        Assert.Contains(host.Errors.Errors, e => e.Contains("could not be stored", StringComparison.Ordinal));
    }

    public static TheoryData<string, string, string> BadInputs => new()
    {
        { "malformed JSON", "h2s-1", "{\"ts\": \"2025-01-01T00:00:00Z\", \"value\": 1" },
        { "unknown sensor", "ghost-7", "{\"ts\":\"NOW\",\"value\":1,\"unit\":\"ppm\"}" },
        { "unknown unit", "h2s-1", "{\"ts\":\"NOW\",\"value\":1,\"unit\":\"furlongs\"}" },
        { "unconvertible unit", "acc-1", "{\"ts\":\"NOW\",\"value\":4.5,\"unit\":\"mm/s\"}" },
        { "NaN literal", "h2s-1", "{\"ts\":\"NOW\",\"value\":NaN,\"unit\":\"ppm\"}" },
        { "NaN string", "h2s-1", "{\"ts\":\"NOW\",\"value\":\"NaN\",\"unit\":\"ppm\"}" },
        { "future timestamp", "h2s-1", "{\"ts\":\"FUTURE\",\"value\":1,\"unit\":\"ppm\"}" },
        { "timestamp without offset", "h2s-1", "{\"ts\":\"2025-01-01T00:00:00\",\"value\":1,\"unit\":\"ppm\"}" },
        { "out of range", "h2s-1", "{\"ts\":\"NOW\",\"value\":9000,\"unit\":\"ppm\"}" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_becomes_a_dead_letter_with_its_reason_and_the_service_keeps_running(string name, string sensorId, string template)
    {
        var expected = name switch
        {
            "malformed JSON" => RejectionReasons.MalformedJson,
            "unknown sensor" => RejectionReasons.UnknownSensor,
            "unknown unit" => RejectionReasons.UnknownUnit,
            "unconvertible unit" => RejectionReasons.UnitUnconvertible,
            "NaN literal" or "NaN string" => RejectionReasons.ValueNotFinite,
            "future timestamp" => RejectionReasons.FutureTimestamp,
            "timestamp without offset" => RejectionReasons.InvalidTimestamp,
            _ => RejectionReasons.OutOfRange,
        };
        await using var watcher = await MqttTestClient.ConnectAsync(host.MqttPort);
        await watcher.SubscribeAsync($"sl/{Some.Tenant}/deadletter");
        var now = DateTimeOffset.UtcNow;
        var payload = template.Replace("NOW", now.ToString("O"), StringComparison.Ordinal)
            .Replace("FUTURE", now.AddHours(3).ToString("O"), StringComparison.Ordinal);

        var result = await sensor.PublishAsync(Some.Topic(sensorId), payload);
        Assert.True(result.IsSuccess);

        var letters = await host.Get<IDeadLetterStore>().ListAsync(Some.Tenant, 0, 10, CancellationToken.None);
        var letter = Assert.Single(letters).Letter;
        Assert.Equal(expected, letter.Reason);
        Assert.Equal(payload, System.Text.Encoding.UTF8.GetString(letter.Payload.Span));
        Assert.False(string.IsNullOrWhiteSpace(letter.Detail));

        var (topic, announced) = await watcher.NextAsync(TimeSpan.FromSeconds(5));
        Assert.Equal($"sl/{Some.Tenant}/deadletter", topic);
        using var json = JsonDocument.Parse(announced);
        Assert.Equal(expected, json.RootElement.GetProperty("reason").GetString());
        Assert.Equal(payload, json.RootElement.GetProperty("payload").GetString());
        Assert.Equal(1, host.Get<IngestionMetrics>().DeadLettersByReason[expected]);

        Assert.True((await sensor.PublishAsync(Some.Topic(), Some.Reading(now, 2, "ppm"))).IsSuccess);
        Assert.Equal(1, host.Get<IngestionMetrics>().Accepted);
        Assert.Empty(host.Errors.Errors);
    }

    [Fact]
    public async Task An_oversize_payload_becomes_a_dead_letter()
    {
        var big = "[" + string.Join(',', Enumerable.Range(0, 2000).Select(i => Some.Reading(DateTimeOffset.UtcNow, i, "ppm", seq: i))) + "]";
        Assert.True(big.Length > 64 * 1024);

        Assert.True((await sensor.PublishAsync(Some.Topic(), big)).IsSuccess);

        var letter = Assert.Single(await host.Get<IDeadLetterStore>().ListAsync(Some.Tenant, 0, 10, CancellationToken.None)).Letter;
        Assert.Equal(RejectionReasons.PayloadTooLarge, letter.Reason);
        Assert.Equal(64 * 1024, letter.Payload.Length);
        Assert.Equal(0, host.Get<IngestionMetrics>().Accepted);
    }

    [Fact]
    public async Task A_publish_outside_the_devices_own_data_topics_is_refused_and_filed_under_the_devices_tenant()
    {
        var malformed = await sensor.PublishAsync("sl/acme chem/plant-1/h2s-1/data", Some.Reading(DateTimeOffset.UtcNow, 1));
        var command = await sensor.PublishAsync($"sl/{Some.Tenant}/plant-1/dcs/cmd", "{\"action\":\"shutdown\"}");

        Assert.Equal(MQTTnet.MqttClientPublishReasonCode.NotAuthorized, malformed.ReasonCode);
        Assert.Equal(MQTTnet.MqttClientPublishReasonCode.NotAuthorized, command.ReasonCode);
        var letters = await host.Get<IDeadLetterStore>().ListAsync(Some.Tenant, 0, 10, CancellationToken.None);
        Assert.Equal(2, letters.Count);
        Assert.All(letters, l => Assert.Equal(RejectionReasons.NotAuthorised, l.Letter.Reason));
    }

    [Fact]
    public async Task Duplicates_by_sequence_or_by_time_and_value_are_dropped_idempotently()
    {
        var now = DateTimeOffset.UtcNow;
        await sensor.PublishAsync(Some.Topic(), Some.Reading(now, 1.0, seq: 41));
        await sensor.PublishAsync(Some.Topic(), Some.Reading(now, 1.0, seq: 41));           // redelivery
        await sensor.PublishAsync(Some.Topic(), Some.Reading(now.AddSeconds(1), 9.0, seq: 41)); // same sequence number
        await sensor.PublishAsync(Some.Topic(), Some.Reading(now.AddSeconds(2), 2.0));
        await sensor.PublishAsync(Some.Topic(), Some.Reading(now.AddSeconds(2), 2.0));      // same time and value

        var stored = await host.Get<ITelemetryStore>().QueryAsync(Some.Tenant, "h2s-1", now.AddMinutes(-1), now.AddMinutes(1), CancellationToken.None);
        Assert.Equal([1.0, 2.0], stored.Select(s => s.Reading.Value));
        Assert.Equal(3, host.Get<IngestionMetrics>().Duplicates);
        Assert.Empty(await host.Get<IDeadLetterStore>().ListAsync(null, 0, 10, CancellationToken.None));
    }

    [Fact]
    public async Task Out_of_order_readings_within_the_window_reach_the_risk_core_in_corrected_time_order()
    {
        // Within the clock's skew tolerance of arrival, so no correction reorders them.
        var now = DateTimeOffset.UtcNow.AddSeconds(-0.5);
        foreach (var offset in new[] { 3, 1, 2 })
        {
            await sensor.PublishAsync(Some.Topic(), Some.Reading(now.AddMilliseconds(100 * offset), offset, seq: offset));
        }

        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        var readings = new List<ValidatedReading>();
        await foreach (var reading in host.Get<IReadingStream>().ReadAllAsync(cts.Token))
        {
            readings.Add(reading);
            if (readings.Count == 3)
            {
                break;
            }
        }

        Assert.Equal([1.0, 2.0, 3.0], readings.Select(r => r.Value));
        Assert.All(readings, r => Assert.Equal("toxic_gas", r.Kind));
    }
}
