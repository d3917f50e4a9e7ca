namespace SafetyLedger.Ingestion.Transport;

/// <summary>What a held PUBACK is sent with once its store finished: stored (with the first refusal reason, if any) or not.</summary>
internal sealed record PubAckOutcome(bool Stored, string? ReasonString);
