namespace SafetyLedger.RegulatorGateway.Alerts;

/// <summary>
/// Body of <c>POST …/alerts/{id}/override</c>: <see cref="Action"/> is <c>cancel-intervention</c>,
/// <c>confirm-intervention</c> or <c>change-level</c> (with <see cref="Level"/>).
/// </summary>
public sealed record OverrideBody(long ExpectedVersion, string? Action, string? Reason, string? Level = null) : IAlertCommandBody;
