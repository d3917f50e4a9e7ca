namespace SafetyLedger.Ingestion.Telemetry;

/// <summary>
/// What the quality figures need of a sensor's readings in a period, counted by the store: how many, in how many
/// distinct reporting slots, and how many were received within the timeliness limit of their corrected time.
/// </summary>
public sealed record ReadingCounts(long Readings, long Slots, long Timely);
