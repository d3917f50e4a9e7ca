namespace SafetyLedger.Ingestion.Pipeline;

/// <summary>
/// One payload as it arrived: over which transport (<c>mqtt</c>/<c>http</c>), on which topic, when, the raw
/// bytes, and who it is for: the topic's address for MQTT, the authenticated tenant for HTTP (whose
/// readings name their own tenant, site and sensor).
/// </summary>
public sealed record IngestEnvelope(
    string Transport,
    string? Topic,
    DateTimeOffset ReceivedAt,
    ReadOnlyMemory<byte> Payload,
    SensorAddress? Address,
    string? AuthenticatedTenant = null)
{
    public const string Mqtt = "mqtt";
    public const string Http = "http";
}
