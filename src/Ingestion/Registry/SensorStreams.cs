namespace SafetyLedger.Ingestion.Registry;

/// <summary>Stream ids and event types of the sensor registry in the ledger.</summary>
public static class SensorStreams
{
    public const string RegisteredEventType = "SensorRegistered";

    public static string StreamId(string tenant, string sensorId) => $"sensor-{tenant}-{sensorId}";
}
