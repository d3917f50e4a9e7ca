using System.Diagnostics.CodeAnalysis;
using NSec.Cryptography;

namespace SafetyLedger.Ledger.Notes;

/// <summary>
/// An Ed25519 note verifier parsed from a verifier key
/// <c>&lt;name&gt;+&lt;hash8hex&gt;+&lt;base64(0x01 ‖ 32-byte public key)&gt;</c>.
/// </summary>
public sealed class NoteVerifier
{
    private readonly PublicKey _publicKey;

    private NoteVerifier(string name, uint keyHash, PublicKey publicKey)
    {
        Name = name;
        KeyHash = keyHash;
        _publicKey = publicKey;
    }

    public string Name { get; }

    public uint KeyHash { get; }

    public static NoteVerifier Parse(string vkey) =>
        TryParse(vkey, out var verifier, out var error) ? verifier : throw new FormatException($"Invalid note verifier key: {error}.");

    public static bool TryParse(string vkey, [NotNullWhen(true)] out NoteVerifier? verifier, out string error)
    {
        verifier = null;
        if (vkey is null)
        {
            error = "verifier key is null";
            return false;
        }

        // Base64 may itself contain '+', so the key data is everything after the second '+'.
        var parts = vkey.Split('+', 3);
        if (parts.Length != 3)
        {
            error = "expected <name>+<hash>+<keydata>";
            return false;
        }

        var (name, hashHex, keyData) = (parts[0], parts[1], parts[2]);
        if (NoteText.FindInvalidKeyName(name) is { } nameError)
        {
            error = nameError;
            return false;
        }

        if (!Ed25519KeyId.TryParseHex(hashHex, out var keyHash))
        {
            error = $"key hash '{hashHex}' is not 8 hexadecimal digits";
            return false;
        }

        if (!Ed25519KeyId.TryDecodeKeyData(keyData, out var rawKey, out error))
        {
            return false;
        }

        var expected = Ed25519KeyId.Compute(name, rawKey);
        if (expected != keyHash)
        {
            error = $"key hash {hashHex} does not match the key (expected {Ed25519KeyId.ToHex(expected)})";
            return false;
        }

        if (!PublicKey.TryImport(SignatureAlgorithm.Ed25519, rawKey, KeyBlobFormat.RawPublicKey, out var publicKey) || publicKey is null)
        {
            error = "not a valid Ed25519 public key";
            return false;
        }

        verifier = new NoteVerifier(name, keyHash, publicKey);
        error = string.Empty;
        return true;
    }

    public bool Verify(ReadOnlySpan<byte> message, ReadOnlySpan<byte> signature) =>
        signature.Length == Ed25519KeyId.SignatureLength
        && SignatureAlgorithm.Ed25519.Verify(_publicKey, message, signature);
}
