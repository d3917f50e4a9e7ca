namespace SafetyLedger.Ingestion.Pipeline;

/// <summary>Why an input was refused: a stable reason code (see <see cref="RejectionReasons"/>) and a precise detail.</summary>
public sealed record Rejection(string Reason, string Detail);
