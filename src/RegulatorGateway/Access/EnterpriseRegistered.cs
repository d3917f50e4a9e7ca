namespace SafetyLedger.RegulatorGateway.Access;

/// <summary>Payload of <c>EnterpriseRegistered</c>.</summary>
public sealed record EnterpriseRegistered(string Id, string Region, string Name);
