namespace SafetyLedger.Ingestion.Pipeline;

/// <summary>Which sensor a reading is from: tenant, site and sensor id.</summary>
public sealed record SensorAddress(string Tenant, string Site, string SensorId);
