namespace SafetyLedger.Ledger.Anchoring;

/// <summary>The contract rejected an anchor transaction; <see cref="Error"/> is the decoded custom error, e.g. <c>NotOwner(address)</c>.</summary>
public sealed class AnchorRevertedException : AnchorException
{
    /// <summary>Creates the exception.</summary>
    public AnchorRevertedException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public AnchorRevertedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and its cause.</summary>
    public AnchorRevertedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for the reverted transaction <paramref name="txHash"/>.</summary>
    public AnchorRevertedException(string txHash, string? errorName, string error)
        : base($"Anchor transaction {txHash} reverted: {error}")
    {
        TxHash = txHash;
        ErrorName = errorName;
        Error = error;
    }

    /// <summary>The reverted transaction.</summary>
    public string? TxHash { get; }

    /// <summary>Name of the contract's custom error (<c>NotOwner</c>, <c>AlreadyAnchored</c>), or null when it could not be decoded.</summary>
    public string? ErrorName { get; }

    /// <summary>The decoded error with its arguments, or what is known about the revert.</summary>
    public string? Error { get; }
}
