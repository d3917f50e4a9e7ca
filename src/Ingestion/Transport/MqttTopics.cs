using SafetyLedger.Ingestion.Pipeline;
using SafetyLedger.Ingestion.Registry;

namespace SafetyLedger.Ingestion.Transport;

/// <summary>Topic names: data on <c>sl/{tenant}/{site}/{sensor}/data</c>, dead letters on <c>sl/{tenant}/deadletter</c>.</summary>
public static class MqttTopics
{
    public const string DataFilter = "sl/+/+/+/data";

    /// <summary>Dead letters whose tenant is unknown (e.g. a malformed topic).</summary>
    public const string UnknownTenant = "_unknown";

    public static string Data(string tenant, string site, string sensorId) => $"sl/{tenant}/{site}/{sensorId}/data";

    public static string DeadLetter(string? tenant) => $"sl/{tenant ?? UnknownTenant}/deadletter";

    public static string SharedDataFilter(string group) => $"$share/{group}/{DataFilter}";

    /// <summary>Whether a topic is a data topic at all (four levels under <c>sl/</c> ending in <c>data</c>).</summary>
    public static bool IsDataTopic(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return IsData(topic.Split('/'));
    }

    /// <summary>The sensor a data topic names, or null when a level is not a plain identifier.</summary>
    public static SensorAddress? Parse(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        var parts = topic.Split('/');
        return IsData(parts) && Identifiers.IsValid(parts[1]) && Identifiers.IsValid(parts[2]) && Identifiers.IsValid(parts[3])
            ? new SensorAddress(parts[1], parts[2], parts[3])
            : null;
    }

    private static bool IsData(string[] parts) =>
        parts.Length == 5 && string.Equals(parts[0], "sl", StringComparison.Ordinal) && string.Equals(parts[4], "data", StringComparison.Ordinal);
}
