namespace SafetyLedger.Ingestion.Telemetry;

/// <summary>
/// A reading as stored: source time (with the source's own offset), received and corrected time,
/// the value normalised to the canonical unit beside the value and unit as sent, and quality flags.
/// </summary>
public sealed record TelemetryReading(
    string Tenant,
    string Site,
    string SensorId,
    DateTimeOffset SourceTime,
    DateTimeOffset ReceivedTime,
    DateTimeOffset CorrectedTime,
    double Value,
    string Unit,
    double RawValue,
    string RawUnit,
    string Quality,
    long? Sequence);
