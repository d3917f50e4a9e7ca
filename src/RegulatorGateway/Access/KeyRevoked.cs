namespace SafetyLedger.RegulatorGateway.Access;

/// <summary>Payload of <c>ApiKeyRevoked</c>.</summary>
public sealed record KeyRevoked(string Id, string? Reason);
