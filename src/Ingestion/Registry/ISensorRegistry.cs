namespace SafetyLedger.Ingestion.Registry;

/// <summary>The registered sensors per tenant: a projection of the ledger's <c>SensorRegistered</c> entries.</summary>
public interface ISensorRegistry
{
    RegisteredSensor? Find(string tenant, string sensorId);

    IReadOnlyList<RegisteredSensor> List(string tenant);

    IReadOnlyList<string> Tenants();
}
