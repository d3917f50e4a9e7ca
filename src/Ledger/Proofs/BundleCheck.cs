using SafetyLedger.Ledger.Anchoring;

namespace SafetyLedger.Ledger.Proofs;

/// <summary>Outcome of checking a bundle offline; <see cref="Anchor"/> is the anchor record that was checked, if the bundle has one, for a check against the chain.</summary>
public sealed record BundleCheck(bool Valid, string Reason, AnchorRecord? Anchor = null)
{
    internal static BundleCheck Invalid(string reason) => new(false, reason);
}
