namespace SafetyLedger.RiskCore.Readings;

/// <summary>One sensor reading as ingestion hands it over. <see cref="Kind"/> is one of <see cref="SensorKinds"/>.</summary>
public sealed record Reading(
    string Tenant,
    string Site,
    string SensorId,
    string Kind,
    DateTimeOffset Time,
    double Value,
    string Unit,
    string Quality);
