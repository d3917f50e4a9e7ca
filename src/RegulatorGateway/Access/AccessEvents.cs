namespace SafetyLedger.RegulatorGateway.Access;

/// <summary>Stream ids and event types of keys and enterprises in the ledger.</summary>
public static class AccessEvents
{
    public const string KeyCreated = "ApiKeyCreated";
    public const string KeyRevoked = "ApiKeyRevoked";
    public const string EnterpriseRegistered = "EnterpriseRegistered";

    /// <summary>Every key stream id starts with this.</summary>
    public const string KeyStreamPrefix = "apikey-";

    /// <summary>Every enterprise stream id starts with this.</summary>
    public const string EnterpriseStreamPrefix = "enterprise-";

    /// <summary>The tenant of entries that belong to no enterprise (regulator, auditor and admin keys).</summary>
    public const string SystemTenant = "_system";

    public static string KeyStream(string id) => KeyStreamPrefix + id;

    public static string EnterpriseStream(string id) => EnterpriseStreamPrefix + id;
}
