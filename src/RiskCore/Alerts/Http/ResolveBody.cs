namespace SafetyLedger.RiskCore.Alerts.Http;

/// <summary>Body of <c>POST /api/alerts/{tenant}/{id}/resolve</c>; <see cref="Label"/> is <c>true-alarm</c>, <c>false-alarm</c> or <c>maintenance</c>.</summary>
public sealed record ResolveBody(long ExpectedVersion, string? Actor, string? Label, string? Comment);
