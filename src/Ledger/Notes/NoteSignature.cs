namespace SafetyLedger.Ledger.Notes;

/// <summary>
/// One signature line of a signed note: <c>— &lt;Name&gt; base64(KeyHash ‖ Signature)</c>.
/// Equality compares the signature bytes by value.
/// </summary>
public sealed record NoteSignature(string Name, uint KeyHash, byte[] Signature)
{
    public bool Equals(NoteSignature? other) =>
        other is not null
        && string.Equals(Name, other.Name, StringComparison.Ordinal)
        && KeyHash == other.KeyHash
        && Signature.AsSpan().SequenceEqual(other.Signature);

    public override int GetHashCode() => HashCode.Combine(Name, KeyHash, Signature.Length);
}
