using System.Collections.Concurrent;

namespace SafetyLedger.Ingestion.Transport;

/// <summary>
/// One embedded-broker client's QoS 1 publishes that are being stored, kept in its session items: the
/// receive loop starts each store without waiting (so one connection's in-flight publishes share a
/// commit), and the send loop holds each PUBACK until its store has finished.
/// </summary>
internal sealed class PublisherAcks
{
    private static readonly object Key = new();

    // Touched by the client's receive loop only, which handles one packet at a time.
    private readonly Queue<Task> inFlight = new();

    /// <summary>Whether the client speaks MQTT 5 (its PUBACK can carry an error; MQTT 3 ones cannot).</summary>
    public bool IsV5 { get; set; }

    /// <summary>The packet identifier of the QoS 1 publish being dispatched now.</summary>
    public ushort Current { get; set; }

    /// <summary>Stores under way or finished whose PUBACK has not been sent yet, by packet identifier.</summary>
    public ConcurrentDictionary<ushort, Task<PubAckOutcome>> Pending { get; } = new();

    public static PublisherAcks Of(System.Collections.IDictionary sessionItems)
    {
        ArgumentNullException.ThrowIfNull(sessionItems);
        if (sessionItems[Key] is not PublisherAcks acks)
        {
            acks = new PublisherAcks();
            sessionItems[Key] = acks;
        }

        return acks;
    }

    public static PublisherAcks? Find(System.Collections.IDictionary sessionItems) => sessionItems?[Key] as PublisherAcks;

    /// <summary>Waits until fewer than <paramref name="limit"/> of this client's stores are under way (back-pressure on its receive loop).</summary>
    public async Task WaitForRoomAsync(int limit)
    {
        while (inFlight.TryPeek(out var oldest) && (oldest.IsCompleted || inFlight.Count >= limit))
        {
            await inFlight.Dequeue().ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Add(ushort packetId, Task<PubAckOutcome> store)
    {
        inFlight.Enqueue(store);
        Pending[packetId] = store;
    }
}
