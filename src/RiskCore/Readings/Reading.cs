namespace SafetyLedger.RiskCore.Readings;

/// <summary>One sensor reading as ingestion hands it over. <see cref="Kind"/> is one of <see cref="SensorKinds"/>; <see cref="Limits"/> are the sensor's registered alarm levels, if any.</summary>
public sealed record Reading(
    string Tenant,
    string Site,
    string SensorId,
    string Kind,
    DateTimeOffset Time,
    double Value,
    string Unit,
    string Quality,
    SensorLimits? Limits = null);
