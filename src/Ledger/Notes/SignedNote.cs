using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace SafetyLedger.Ledger.Notes;

/// <summary>
/// A c2sp.org/signed-note: text ending in a newline, a blank line, then one or more lines
/// <c>— &lt;key name&gt; base64(key hash ‖ signature)</c>.
/// </summary>
public sealed class SignedNote
{
    /// <summary>Notes with more signature lines than this are rejected (the spec requires at least 16).</summary>
    public const int MaxSignatures = 100;

    private const string SignaturePrefix = "\u2014 ";

    private SignedNote(string text, IReadOnlyList<NoteSignature> signatures)
    {
        Text = text;
        Signatures = signatures;
    }

    /// <summary>The signed text, including its final newline but not the separating blank line.</summary>
    public string Text { get; }

    public IReadOnlyList<NoteSignature> Signatures { get; }

    /// <summary>Signs <paramref name="text"/> with every signer, in order (several signers = key rotation).</summary>
    public static SignedNote Sign(string text, IEnumerable<NoteSigner> signers)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(signers);
        if (FindTextError(text) is { } error)
        {
            throw new ArgumentException($"Cannot sign note text: {error}.", nameof(text));
        }

        var message = Encoding.UTF8.GetBytes(text);
        var signatures = new List<NoteSignature>();
        foreach (var signer in signers)
        {
            ArgumentNullException.ThrowIfNull(signer, nameof(signers));
            if (signatures.Exists(s => s.KeyHash == signer.KeyHash && string.Equals(s.Name, signer.Name, StringComparison.Ordinal)))
            {
                throw new ArgumentException($"Signer {signer.Name}+{Ed25519KeyId.ToHex(signer.KeyHash)} is given twice.", nameof(signers));
            }

            signatures.Add(new NoteSignature(signer.Name, signer.KeyHash, signer.Sign(message)));
        }

        if (signatures.Count == 0)
        {
            throw new ArgumentException("A signed note needs at least one signer.", nameof(signers));
        }

        return new SignedNote(text, signatures.AsReadOnly());
    }

    public static SignedNote Parse(string note) =>
        TryParse(note, out var parsed, out var error) ? parsed : throw new FormatException($"Malformed signed note: {error}.");

    public static bool TryParse(string note, [NotNullWhen(true)] out SignedNote? parsed, out string error)
    {
        parsed = null;
        if (note is null)
        {
            error = "note is null";
            return false;
        }

        if (NoteText.FindInvalidCharacter(note) is { } charError)
        {
            error = charError;
            return false;
        }

        // The text is separated from the signatures by the last blank line.
        var split = note.LastIndexOf("\n\n", StringComparison.Ordinal);
        if (split < 0)
        {
            error = "no blank line before the signature lines";
            return false;
        }

        var text = note[..(split + 1)];
        var block = note[(split + 2)..];
        if (block.Length == 0)
        {
            error = "no signature lines";
            return false;
        }

        if (block[^1] != '\n')
        {
            error = "the last signature line does not end with a newline";
            return false;
        }

        var lines = block[..^1].Split('\n');
        if (lines.Length > MaxSignatures)
        {
            error = $"more than {MaxSignatures} signature lines";
            return false;
        }

        var signatures = new List<NoteSignature>(lines.Length);
        foreach (var line in lines)
        {
            if (!TryParseSignatureLine(line, out var signature, out error))
            {
                return false;
            }

            signatures.Add(signature);
        }

        parsed = new SignedNote(text, signatures.AsReadOnly());
        error = string.Empty;
        return true;
    }

    /// <summary>The exact note: text, blank line, one signature line each.</summary>
    public string Serialize()
    {
        var builder = new StringBuilder(Text).Append('\n');
        foreach (var signature in Signatures)
        {
            var payload = new byte[4 + signature.Signature.Length];
            BinaryPrimitives.WriteUInt32BigEndian(payload, signature.KeyHash);
            signature.Signature.CopyTo(payload, 4);
            builder.Append(SignaturePrefix).Append(signature.Name).Append(' ').Append(Convert.ToBase64String(payload)).Append('\n');
        }

        return builder.ToString();
    }

    /// <summary>The first signature line with the verifier's key name and key hash, if any.</summary>
    public NoteSignature? FindSignature(NoteVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        return Signatures.FirstOrDefault(s => Matches(s, verifier));
    }

    /// <summary>
    /// True only if some signature line has the verifier's key name and key hash, and every such
    /// line verifies over the UTF-8 bytes of <see cref="Text"/>.
    /// </summary>
    public bool IsSignedBy(NoteVerifier verifier)
    {
        ArgumentNullException.ThrowIfNull(verifier);
        var message = Encoding.UTF8.GetBytes(Text);
        var found = false;
        foreach (var signature in Signatures.Where(s => Matches(s, verifier)))
        {
            if (!verifier.Verify(message, signature.Signature))
            {
                return false;
            }

            found = true;
        }

        return found;
    }

    private static bool Matches(NoteSignature signature, NoteVerifier verifier) =>
        signature.KeyHash == verifier.KeyHash && string.Equals(signature.Name, verifier.Name, StringComparison.Ordinal);

    private static string? FindTextError(string text)
    {
        if (!text.EndsWith('\n'))
        {
            return "text does not end with a newline";
        }

        return NoteText.FindInvalidCharacter(text);
    }

    private static bool TryParseSignatureLine(string line, [NotNullWhen(true)] out NoteSignature? signature, out string error)
    {
        signature = null;
        if (!line.StartsWith(SignaturePrefix, StringComparison.Ordinal))
        {
            error = $"signature line '{line}' does not start with an em dash (U+2014) and a space";
            return false;
        }

        var rest = line[SignaturePrefix.Length..];
        var space = rest.IndexOf(' ', StringComparison.Ordinal);
        if (space < 0)
        {
            error = $"signature line '{line}' has no space between key name and signature";
            return false;
        }

        var name = rest[..space];
        if (NoteText.FindInvalidKeyName(name) is { } nameError)
        {
            error = $"signature line '{line}': {nameError}";
            return false;
        }

        if (!StrictBase64.TryDecode(rest[(space + 1)..], out var payload) || payload.Length < 5)
        {
            error = $"signature line '{line}' does not end in base64 of a key hash and a signature";
            return false;
        }

        signature = new NoteSignature(name, BinaryPrimitives.ReadUInt32BigEndian(payload), payload[4..]);
        error = string.Empty;
        return true;
    }
}
