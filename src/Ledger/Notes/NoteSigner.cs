using System.Security.Cryptography;
using NSec.Cryptography;

namespace SafetyLedger.Ledger.Notes;

/// <summary>
/// An Ed25519 note signer with a key name. Its secret form is the Go note signer key
/// <c>PRIVATE+KEY+&lt;name&gt;+&lt;hash8hex&gt;+&lt;base64(0x01 ‖ 32-byte seed)&gt;</c>.
/// </summary>
public sealed class NoteSigner : IDisposable
{
    private const string Prefix = "PRIVATE+KEY+";

    private readonly Key _key;
    private readonly byte[] _publicKey;

    private NoteSigner(string name, Key key)
    {
        Name = name;
        _key = key;
        _publicKey = key.PublicKey.Export(KeyBlobFormat.RawPublicKey);
        KeyHash = Ed25519KeyId.Compute(name, _publicKey);
    }

    public string Name { get; }

    public uint KeyHash { get; }

    /// <summary>The public verifier key <c>&lt;name&gt;+&lt;hash8hex&gt;+&lt;base64(0x01 ‖ public key)&gt;</c>.</summary>
    public string VerifierKey => $"{Name}+{Ed25519KeyId.ToHex(KeyHash)}+{Ed25519KeyId.EncodeKeyData(_publicKey)}";

    /// <summary>The secret signer key, for writing the key file. Keep it secret.</summary>
    public string SignerKey
    {
        get
        {
            var seed = _key.Export(KeyBlobFormat.RawPrivateKey);
            try
            {
                return $"{Prefix}{Name}+{Ed25519KeyId.ToHex(KeyHash)}+{Ed25519KeyId.EncodeKeyData(seed)}";
            }
            finally
            {
                CryptographicOperations.ZeroMemory(seed);
            }
        }
    }

    public static NoteSigner Generate(string name)
    {
        if (NoteText.FindInvalidKeyName(name) is { } error)
        {
            throw new ArgumentException($"Invalid note key name: {error}.", nameof(name));
        }

        return new NoteSigner(name, Key.Create(SignatureAlgorithm.Ed25519, Exportable()));
    }

    public static NoteSigner FromSignerKey(string skey)
    {
        ArgumentNullException.ThrowIfNull(skey);
        if (!skey.StartsWith(Prefix, StringComparison.Ordinal))
        {
            throw Malformed("expected PRIVATE+KEY+<name>+<hash>+<keydata>");
        }

        var parts = skey[Prefix.Length..].Split('+', 3);
        if (parts.Length != 3)
        {
            throw Malformed("expected PRIVATE+KEY+<name>+<hash>+<keydata>");
        }

        var (name, hashHex, keyData) = (parts[0], parts[1], parts[2]);
        if (NoteText.FindInvalidKeyName(name) is { } nameError)
        {
            throw Malformed(nameError);
        }

        if (!Ed25519KeyId.TryParseHex(hashHex, out var keyHash))
        {
            throw Malformed($"key hash '{hashHex}' is not 8 hexadecimal digits");
        }

        if (!Ed25519KeyId.TryDecodeKeyData(keyData, out var seed, out var error))
        {
            throw Malformed(error);
        }

        Key key;
        try
        {
            key = Key.Import(SignatureAlgorithm.Ed25519, seed, KeyBlobFormat.RawPrivateKey, Exportable());
        }
        finally
        {
            CryptographicOperations.ZeroMemory(seed);
        }

        var signer = new NoteSigner(name, key);
        if (signer.KeyHash != keyHash)
        {
            signer.Dispose();
            throw Malformed($"key hash {hashHex} does not match the key (expected {Ed25519KeyId.ToHex(signer.KeyHash)})");
        }

        return signer;
    }

    public byte[] Sign(ReadOnlySpan<byte> message) => SignatureAlgorithm.Ed25519.Sign(_key, message);

    public void Dispose() => _key.Dispose();

    // The seed must stay exportable so that SignerKey can write the key file.
    private static KeyCreationParameters Exportable() => new() { ExportPolicy = KeyExportPolicies.AllowPlaintextExport };

    // The signer key is secret, so messages never echo it.
    private static FormatException Malformed(string detail) => new($"Invalid note signer key: {detail}.");
}
