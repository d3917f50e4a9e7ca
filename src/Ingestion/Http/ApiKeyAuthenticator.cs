using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace SafetyLedger.Ingestion.Http;

/// <summary>
/// Finds the tenant whose key a request carries in <c>X-Api-Key</c>: the key is hashed with SHA-256 and
/// compared in constant time with the configured hashes. The key itself is never stored nor logged.
/// </summary>
public sealed class ApiKeyAuthenticator(IOptionsMonitor<HttpIngestionOptions> options)
{
    /// <summary>The lower-case hex SHA-256 of a key, as configured in <c>Ingestion:Http:ApiKeys</c>.</summary>
    public static string Hash(string apiKey) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));

    /// <summary>The tenant the request's key belongs to, or null when it carries no known key.</summary>
    public string? Authenticate(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var presented = request.Headers[HttpIngestionOptions.ApiKeyHeader].ToString();
        if (presented.Length == 0)
        {
            return null;
        }

        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        string? tenant = null;
        foreach (var key in options.CurrentValue.ApiKeys)
        {
            if (key.Sha256.Length == 64 && CryptographicOperations.FixedTimeEquals(hash, Convert.FromHexString(key.Sha256)))
            {
                tenant = key.Tenant;
            }
        }

        return tenant;
    }
}
