namespace SafetyLedger.RegulatorGateway.Access;

/// <summary>
/// What a new key may do: an enterprise role with its <see cref="Tenant"/>, <c>regulator</c> with
/// <see cref="Jurisdictions"/>, <c>auditor</c> with its assigned <see cref="Enterprises"/>, or <c>admin</c>.
/// </summary>
public sealed record CreateKeyRequest(
    string? Role,
    string? Tenant = null,
    IReadOnlyList<string>? Jurisdictions = null,
    IReadOnlyList<string>? Enterprises = null,
    string? Name = null);
