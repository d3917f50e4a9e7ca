using System.Security.Cryptography;

namespace SafetyLedger.RiskCore.Training;

/// <summary>The SHA-256 that identifies a model file: lower-case hex of the file's exact bytes.</summary>
public static class ModelSha256
{
    public static string Of(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));
}
