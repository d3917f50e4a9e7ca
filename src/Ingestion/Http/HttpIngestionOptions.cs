namespace SafetyLedger.Ingestion.Http;

/// <summary>The HTTP API of ingestion (section <c>Ingestion:Http</c>).</summary>
public sealed class HttpIngestionOptions
{
    public const string Section = "Ingestion:Http";

    /// <summary>The request header carrying the API key.</summary>
    public const string ApiKeyHeader = "X-Api-Key";

    /// <summary>Per-tenant API keys, stored hashed (SHA-256, hex); a tenant may have several (rotation).</summary>
    public IList<TenantApiKey> ApiKeys { get; } = [];
}
