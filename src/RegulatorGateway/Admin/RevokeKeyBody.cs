namespace SafetyLedger.RegulatorGateway.Admin;

/// <summary>Body of <c>POST /api/v1/admin/keys/{id}/revoke</c>.</summary>
public sealed record RevokeKeyBody(string? Reason);
