namespace SafetyLedger.Ingestion;

/// <summary>
/// A reading that passed validation, was normalised to its sensor's canonical unit, was stored
/// durably and is handed to the risk core in order of <paramref name="CorrectedTime"/>.
/// </summary>
public sealed record ValidatedReading(
    string Tenant,
    string Site,
    string SensorId,
    string Kind,
    DateTimeOffset SourceTime,
    DateTimeOffset ReceivedTime,
    DateTimeOffset CorrectedTime,
    double Value,
    string Unit,
    string Quality,
    long? Sequence);
