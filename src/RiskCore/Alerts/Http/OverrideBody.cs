namespace SafetyLedger.RiskCore.Alerts.Http;

/// <summary>
/// Body of <c>POST /api/alerts/{tenant}/{id}/override</c>: <see cref="Action"/> is
/// <c>cancel-intervention</c>, <c>confirm-intervention</c> or <c>change-level</c> (with <see cref="Level"/>).
/// </summary>
public sealed record OverrideBody(long ExpectedVersion, string? Actor, string? Action, string? Level, string? Reason);
