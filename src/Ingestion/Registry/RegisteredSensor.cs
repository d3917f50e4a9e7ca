namespace SafetyLedger.Ingestion.Registry;

/// <summary>A registration as projected from the ledger: the tenant, the details and where they were recorded.</summary>
public sealed record RegisteredSensor(string Tenant, SensorRegistration Registration, long Position, DateTimeOffset RecordedAt);
