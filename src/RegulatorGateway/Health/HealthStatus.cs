namespace SafetyLedger.RegulatorGateway.Health;

public sealed record HealthStatus(string Status, long Entries);
