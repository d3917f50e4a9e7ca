namespace SafetyLedger.RiskCore.Alerts.Http;

/// <summary>Body of <c>POST /api/alerts/{tenant}/{id}/acknowledge</c>.</summary>
public sealed record AcknowledgeBody(long ExpectedVersion, string? Actor, string? Comment);
