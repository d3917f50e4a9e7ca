namespace SafetyLedger.Ingestion.DeadLetters;

/// <summary>A dead letter with its row id.</summary>
public sealed record StoredDeadLetter(long Id, DeadLetter Letter);
