using SafetyLedger.Ledger.Verification;

namespace SafetyLedger.Ingestion.Digests;

/// <summary>
/// The outcome of checking stored telemetry against its ledger digests: batches and readings checked,
/// batches not yet in the ledger (sealing pending, not a failure), and what was found wrong.
/// </summary>
public sealed record TelemetryVerificationReport(int BatchesChecked, long ReadingsChecked, int BatchesPending, IReadOnlyList<VerificationFinding> Findings)
{
    public bool Passed => Findings.Count == 0;
}
