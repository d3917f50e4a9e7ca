namespace SafetyLedger.Ingestion;

/// <summary>
/// A reading that passed validation, was normalised to its sensor's canonical unit, was stored
/// durably and is handed to the risk core in order of <paramref name="CorrectedTime"/>. A value, not an object:
/// every reading waits seconds in the reorder window, and tens of thousands of objects living that long would each be
/// copied through the garbage collector's generations; its strings are the sensor registration's own.
/// </summary>
public readonly record struct ValidatedReading(
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
