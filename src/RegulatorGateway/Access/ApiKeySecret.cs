using System.Security.Cryptography;
using System.Text;

namespace SafetyLedger.RegulatorGateway.Access;

/// <summary>
/// Key ids and secrets: an id is <c>k</c> and 20 hex digits (80 random bits; it names the key, e.g. as the MQTT
/// user name), a secret is <c>slk_</c> and 256 random bits in base64url. Only the SHA-256 of a secret is kept:
/// with 256 bits of entropy a fast hash is as good as a slow one and keeps each request's check cheap.
/// </summary>
public static class ApiKeySecret
{
    public const string Prefix = "slk_";

    public static string NewId() => "k" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(10));

    public static string NewSecret() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The lower-case hex SHA-256 of a secret's UTF-8 bytes.</summary>
    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
