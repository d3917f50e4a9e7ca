namespace SafetyLedger.Ledger.Anchoring;

/// <summary>A sent transaction is gone from the node and its nonce was used by another one: it must be signed anew.</summary>
internal sealed class TransactionDroppedException : AnchorException
{
    public TransactionDroppedException()
    {
    }

    public TransactionDroppedException(string message)
        : base(message)
    {
    }

    public TransactionDroppedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
