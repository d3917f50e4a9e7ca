namespace SafetyLedger.RiskCore.Response;

/// <summary>
/// The broker acknowledged (QoS 1) the DCS command <see cref="CommandId"/> of an alert — an
/// intervention or its cancellation. Until this is ledgered the command is pending and is sent again.
/// </summary>
public sealed record InterventionDelivered(string AlertId, string CommandId, string Action);
