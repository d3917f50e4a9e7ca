namespace SafetyLedger.Ingestion.Registry;

/// <summary>Stream ids and event types of the sensor registry in the ledger.</summary>
public static class SensorStreams
{
    public const string RegisteredEventType = "SensorRegistered";

    /// <summary>Every sensor stream id starts with this (the registry's ledger category).</summary>
    public const string StreamPrefix = "sensor-";

    public static string StreamId(string tenant, string sensorId) => $"{StreamPrefix}{tenant}-{sensorId}";
}
