namespace SafetyLedger.RegulatorGateway.Access;

/// <summary>A key just created: its record and its secret, shown this once and never again.</summary>
public sealed record CreatedKey(ApiKeyRecord Record, string Secret);
