using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace SafetyLedger.Ledger.Notes;

/// <summary>
/// Ed25519 key encoding shared by signer and verifier keys:
/// key ID = first 4 bytes (big-endian) of SHA-256(name ‖ 0x0A ‖ 0x01 ‖ public key).
/// </summary>
internal static class Ed25519KeyId
{
    public const byte AlgorithmByte = 0x01;
    public const int KeyLength = 32;
    public const int SignatureLength = 64;

    public static uint Compute(string name, ReadOnlySpan<byte> publicKey)
    {
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var input = new byte[nameBytes.Length + 2 + publicKey.Length];
        nameBytes.CopyTo(input, 0);
        input[nameBytes.Length] = (byte)'\n';
        input[nameBytes.Length + 1] = AlgorithmByte;
        publicKey.CopyTo(input.AsSpan(nameBytes.Length + 2));
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(input));
    }

    public static string ToHex(uint keyHash) => keyHash.ToString("x8", CultureInfo.InvariantCulture);

    public static bool TryParseHex(string hex, out uint keyHash)
    {
        keyHash = 0;
        if (hex.Length != 8 || !hex.All(char.IsAsciiHexDigit))
        {
            return false;
        }

        return uint.TryParse(hex, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out keyHash);
    }

    /// <summary>base64(0x01 ‖ key), the key data part of signer and verifier keys.</summary>
    public static string EncodeKeyData(ReadOnlySpan<byte> key)
    {
        var data = new byte[1 + key.Length];
        data[0] = AlgorithmByte;
        key.CopyTo(data.AsSpan(1));
        var encoded = Convert.ToBase64String(data);
        CryptographicOperations.ZeroMemory(data);
        return encoded;
    }

    /// <summary>Decodes base64(0x01 ‖ 32-byte key).</summary>
    public static bool TryDecodeKeyData(string base64, [NotNullWhen(true)] out byte[]? key, out string error)
    {
        key = null;
        if (!StrictBase64.TryDecode(base64, out var data) || data.Length == 0)
        {
            error = "key data is not valid standard base64";
            return false;
        }

        try
        {
            if (data[0] != AlgorithmByte)
            {
                error = $"unknown key algorithm byte 0x{data[0]:x2} (only 0x01 Ed25519 is supported)";
                return false;
            }

            if (data.Length != 1 + KeyLength)
            {
                error = $"Ed25519 key must be {KeyLength} bytes, got {data.Length - 1}";
                return false;
            }

            key = data[1..];
            error = string.Empty;
            return true;
        }
        finally
        {
            CryptographicOperations.ZeroMemory(data);
        }
    }
}
