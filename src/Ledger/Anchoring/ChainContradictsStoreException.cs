using SafetyLedger.Ledger.Verification;

namespace SafetyLedger.Ledger.Anchoring;

/// <summary>The chain holds anchors the store contradicts (<see cref="OnChainAnchorAudit"/>): the service refuses to run on that store.</summary>
public sealed class ChainContradictsStoreException : AnchorException
{
    /// <summary>Creates the exception.</summary>
    public ChainContradictsStoreException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ChainContradictsStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public ChainContradictsStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception naming every contradiction.</summary>
    public ChainContradictsStoreException(IReadOnlyList<VerificationFinding> findings)
        : base(Describe(findings))
    {
        Findings = findings;
    }

    /// <summary>What the chain holds that the store contradicts.</summary>
    public IReadOnlyList<VerificationFinding> Findings { get; } = [];

    private static string Describe(IReadOnlyList<VerificationFinding> findings)
    {
        ArgumentNullException.ThrowIfNull(findings);
        return $"The anchor chain contradicts this store ({findings.Count} finding(s)); refusing to run on it: "
            + string.Join(" ", findings.Select(f => f.Message));
    }
}
