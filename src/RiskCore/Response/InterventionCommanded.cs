using SafetyLedger.RiskCore.Fusion;

namespace SafetyLedger.RiskCore.Response;

/// <summary>An automatic intervention, ledgered before the command is sent to the DCS on <see cref="Topic"/>.</summary>
public sealed record InterventionCommanded(
    string AlertId,
    string CommandId,
    string Site,
    string Topic,
    string Action,
    string Reason,
    RiskLevel Level,
    double Confidence);
