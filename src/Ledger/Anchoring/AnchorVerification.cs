namespace SafetyLedger.Ledger.Anchoring;

/// <summary>Outcome of <see cref="IAnchorChain.VerifyAsync"/>: <see cref="Failure"/> names what differs and <see cref="Reason"/> says how.</summary>
public sealed record AnchorVerification(AnchorVerificationFailure Failure, string Reason)
{
    /// <summary>True when the chain confirms the record in every checked point.</summary>
    public bool IsValid => Failure == AnchorVerificationFailure.None;

    /// <summary>A passing result.</summary>
    public static AnchorVerification Valid(string reason) => new(AnchorVerificationFailure.None, reason);

    /// <summary>A failing result.</summary>
    public static AnchorVerification Fail(AnchorVerificationFailure failure, string reason) => new(failure, reason);
}
