namespace SafetyLedger.RegulatorGateway.Access;

/// <summary>Payload of <c>ApiKeyCreated</c>; device and DCS keys also carry <see cref="MosquittoPasswordHash"/>'s hash of the secret.</summary>
public sealed record KeyCreated(
    string Id,
    string Role,
    string? Tenant,
    IReadOnlyList<string>? Jurisdictions,
    IReadOnlyList<string>? Enterprises,
    string? Name,
    string SecretSha256,
    string? MqttPasswordHash = null);
