namespace SafetyLedger.RegulatorGateway.Access;

/// <summary>An enterprise to register: its id (the tenant), administrative region code and display name.</summary>
public sealed record RegisterEnterpriseRequest(string? Id, string? Region, string? Name);
