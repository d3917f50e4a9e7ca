using SafetyLedger.Ingestion.Registry;

namespace SafetyLedger.Ingestion.Http;

/// <summary>A registered sensor as the REST API shows it: the registration and where the ledger recorded it.</summary>
public sealed record RegisteredSensorView(string Tenant, long LedgerPosition, DateTimeOffset RecordedAt, SensorRegistration Sensor)
{
    public static RegisteredSensorView From(RegisteredSensor sensor)
    {
        ArgumentNullException.ThrowIfNull(sensor);
        return new(sensor.Tenant, sensor.Position, sensor.RecordedAt, sensor.Registration);
    }
}
