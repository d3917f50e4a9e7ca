using SafetyLedger.Ingestion.Pipeline;

namespace SafetyLedger.Ingestion.Clock;

/// <summary>
/// The outcome of placing a reading in time: its corrected time, the source's estimated offset
/// (received − source), whether a correction was applied and the flags; or why it was refused.
/// </summary>
public sealed record ClockCorrection(DateTimeOffset CorrectedTime, TimeSpan EstimatedOffset, bool Corrected, bool Late, Rejection? Rejection);
