namespace SafetyLedger.Ingestion.Http;

/// <summary>One tenant's API key, kept only as the lower-case hex SHA-256 of the key.</summary>
public sealed class TenantApiKey
{
    public string Tenant { get; set; } = string.Empty;

    public string Sha256 { get; set; } = string.Empty;
}
