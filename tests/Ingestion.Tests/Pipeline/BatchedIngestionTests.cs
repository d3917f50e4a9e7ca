using System.Text;
using SafetyLedger.Ingestion.DeadLetters;
using SafetyLedger.Ingestion.Pipeline;
using SafetyLedger.Ingestion.Telemetry;
using SafetyLedger.Ingestion.Telemetry.Sqlite;
using SafetyLedger.Ingestion.Tests.Support;
using SafetyLedger.Ingestion.Transport;

namespace SafetyLedger.Ingestion.Tests.Pipeline;

/// <summary>Several payloads through the pipeline at once, as the MQTT transports send them: each keeps its own outcome.</summary>
public sealed class BatchedIngestionTests : IAsyncLifetime, IDisposable
{
    private readonly TempFolder folder = new();
    private IngestionHost host = null!;

    public async Task InitializeAsync()
    {
        host = await IngestionHost.StartAsync(folder.Path);
        await host.RegisterAsync(Some.H2S());
    }

    public async Task DisposeAsync() => await host.DisposeAsync();

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task Each_payload_of_a_batch_gets_its_own_outcome_and_its_bad_input_its_own_dead_letter()
    {
        var now = DateTimeOffset.UtcNow;
        var good = Envelope(Some.Topic(), Some.Reading(now, 2.5, seq: 1), now);
        var envelopes = new[]
        {
            good,
            Envelope(Some.Topic(sensor: "ghost-7"), Some.Reading(now, 1, seq: 1), now),
            Envelope("sl/acme-chem/plant-1/bad topic/data", Some.Reading(now, 1), now),
            good with { ReceivedAt = now.AddMilliseconds(5) }, // the same reading again in the same batch
            Envelope(Some.Topic(), $"[{Some.Reading(now.AddSeconds(-1), 3.5, seq: 2)}, {Some.Reading(now, 1, unit: "furlongs", seq: 3)}]", now),
        };

        var outcomes = await host.Get<IngestionPipeline>().IngestAsync(envelopes, CancellationToken.None);

        Assert.Equal(5, outcomes.Count);
        Assert.Equal((1, 0, true), (outcomes[0].Accepted, outcomes[0].Duplicates, outcomes[0].FullyAccepted));
        Assert.Equal(RejectionReasons.UnknownSensor, Assert.Single(outcomes[1].Rejected).Reason);
        Assert.Equal(RejectionReasons.InvalidTopic, Assert.Single(outcomes[2].Rejected).Reason);
        Assert.Equal((0, 1, true), (outcomes[3].Accepted, outcomes[3].Duplicates, outcomes[3].FullyAccepted));
        Assert.Equal((1, 0), (outcomes[4].Accepted, outcomes[4].Duplicates));
        var refused = Assert.Single(outcomes[4].Rejected);
        Assert.Equal((1, RejectionReasons.UnknownUnit), (refused.Index, refused.Reason));

        var stored = await host.Get<ITelemetryStore>().QueryAsync(Some.Tenant, "h2s-1", now.AddMinutes(-1), now.AddMinutes(1), CancellationToken.None);
        Assert.Equal([2.5, 3.5], stored.Select(r => r.Reading.Value).Order());
        var letters = await host.Get<IDeadLetterStore>().ListAsync(null, 0, 10, CancellationToken.None);
        Assert.Equal(
            [RejectionReasons.InvalidTopic, RejectionReasons.UnknownSensor, RejectionReasons.UnknownUnit],
            letters.Select(l => l.Letter.Reason).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Messages_submitted_together_are_stored_in_shared_writes_and_each_completes_with_its_outcome()
    {
        var batcher = host.Get<MessageBatcher>();
        var now = DateTimeOffset.UtcNow;
        var submitted = Enumerable.Range(0, 300)
            .Select(i => batcher.SubmitAsync(Envelope(Some.Topic(), Some.Reading(now.AddMilliseconds(-i), i % 100, seq: 1000 + i), now)))
            .ToList();

        var outcomes = await Task.WhenAll(submitted);

        Assert.All(outcomes, o => Assert.Equal((1, 0, true), (o.Accepted, o.Duplicates, o.FullyAccepted)));
        var stored = await host.Get<ITelemetryStore>().QueryAsync(Some.Tenant, "h2s-1", now.AddMinutes(-1), now.AddMinutes(1), CancellationToken.None);
        Assert.Equal(Enumerable.Range(1000, 300).Select(i => (long?)i), stored.Select(r => r.Reading.Sequence).Order());
        Assert.Equal(300, host.Get<IngestionMetrics>().Accepted);
    }

    [Fact]
    public async Task When_the_store_fails_every_message_of_the_batch_fails_and_none_is_reported_stored()
    {
        var batcher = host.Get<MessageBatcher>();
        await host.Get<SqliteTelemetryDatabase>().DisposeAsync(); // every write now fails
        var now = DateTimeOffset.UtcNow;

        var submitted = Enumerable.Range(0, 20)
            .Select(i => batcher.SubmitAsync(Envelope(Some.Topic(), Some.Reading(now, i, seq: i), now)))
            .ToList();

        await Task.WhenAll(submitted).ContinueWith(_ => { }, TaskScheduler.Default); // every one settled
        Assert.All(submitted, t => Assert.True(t.IsFaulted || t.IsCanceled));

        Assert.Equal(0, host.Get<IngestionMetrics>().Accepted);
    }

    private static IngestEnvelope Envelope(string topic, string payload, DateTimeOffset receivedAt) =>
        new(IngestEnvelope.Mqtt, topic, receivedAt, Encoding.UTF8.GetBytes(payload), MqttTopics.Parse(topic));
}
