namespace SafetyLedger.Ingestion.Http;

/// <summary>The 200 answer of <c>POST /api/telemetry</c>: every reading is stored (or was already).</summary>
public sealed record TelemetryAccepted(int Accepted, int Duplicates);
