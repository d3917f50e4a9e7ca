namespace SafetyLedger.RiskCore.Training;

/// <summary>
/// <c>ledger train --tenant T --readings FILE [--out DIR] [--version V]</c>: fit the tenant's models
/// from a readings CSV (the telemetry store later) and the alert labels in the ledger.
/// </summary>
public sealed record TrainRequest(string? Tenant, string? ReadingsFile, string OutputDirectory = "models", string? ModelVersion = null);
