namespace SafetyLedger.RegulatorGateway.Alerts;

/// <summary>Body of <c>POST …/alerts/{id}/acknowledge</c>; the actor is the caller's key.</summary>
public sealed record AcknowledgeBody(long ExpectedVersion, string? Comment = null) : IAlertCommandBody;
