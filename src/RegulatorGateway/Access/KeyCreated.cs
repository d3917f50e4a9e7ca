namespace SafetyLedger.RegulatorGateway.Access;

/// <summary>Payload of <c>ApiKeyCreated</c>.</summary>
public sealed record KeyCreated(
    string Id,
    string Role,
    string? Tenant,
    IReadOnlyList<string>? Jurisdictions,
    IReadOnlyList<string>? Enterprises,
    string? Name,
    string SecretSha256);
