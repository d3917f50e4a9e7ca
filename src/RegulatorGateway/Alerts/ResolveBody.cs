namespace SafetyLedger.RegulatorGateway.Alerts;

/// <summary>Body of <c>POST …/alerts/{id}/resolve</c>; <see cref="Label"/> is <c>true-alarm</c>, <c>false-alarm</c> or <c>maintenance</c>.</summary>
public sealed record ResolveBody(long ExpectedVersion, string? Label, string? Comment = null) : IAlertCommandBody;
