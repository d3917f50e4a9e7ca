using System.Collections.Concurrent;
using SafetyLedger.Ingestion.Pipeline;

namespace SafetyLedger.Ingestion.Transport;

/// <summary>
/// Incoming topics read once per distinct topic: whether it is a data topic, and the sensor it names (null when a
/// level is not a plain identifier). Every message would otherwise split its topic into new strings; a fleet
/// publishes on a few topics per sensor, over and over.
/// </summary>
public sealed class DataTopics
{
    private const int MaxTopics = 200_000;

    private readonly ConcurrentDictionary<string, Topic> known = new(StringComparer.Ordinal);

    /// <summary>False when <paramref name="topic"/> is not a data topic; otherwise the sensor it names, if it names one validly.</summary>
    public bool TryRead(string topic, out SensorAddress? address)
    {
        ArgumentNullException.ThrowIfNull(topic);
        if (!known.TryGetValue(topic, out var read))
        {
            if (known.Count >= MaxTopics)
            {
                known.Clear();
            }

            read = new Topic(MqttTopics.IsDataTopic(topic), MqttTopics.Parse(topic));
            known.TryAdd(topic, read);
        }

        address = read.Address;
        return read.IsData;
    }

    private sealed record Topic(bool IsData, SensorAddress? Address);
}
