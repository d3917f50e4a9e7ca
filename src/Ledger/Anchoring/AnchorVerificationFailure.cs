namespace SafetyLedger.Ledger.Anchoring;

/// <summary>Which part of an <see cref="AnchorRecord"/> the chain contradicts; <see cref="None"/> when it holds.</summary>
public enum AnchorVerificationFailure
{
    /// <summary>The record holds.</summary>
    None = 0,

    /// <summary>The record, the configuration and the node do not agree on the chain id.</summary>
    ChainIdMismatch,

    /// <summary>The record names another contract than the configured AnchorRegistry.</summary>
    ContractMismatch,

    /// <summary>The node does not know the transaction (never sent, dropped, or on another chain).</summary>
    TransactionNotFound,

    /// <summary>The transaction is known but not mined (yet).</summary>
    TransactionPending,

    /// <summary>The transaction was mined but reverted.</summary>
    TransactionFailed,

    /// <summary>The transaction was sent to another address than the contract.</summary>
    WrongRecipient,

    /// <summary>The transaction emitted no Anchored event of the contract.</summary>
    EventMissing,

    /// <summary>The Anchored event names another root.</summary>
    RootMismatch,

    /// <summary>The Anchored event names another tree size.</summary>
    TreeSizeMismatch,

    /// <summary>The transaction is in another block than recorded (number or hash), e.g. after a reorganisation.</summary>
    BlockMismatch,

    /// <summary>The block's timestamp differs from the recorded time.</summary>
    BlockTimeMismatch,

    /// <summary>The contract's stored entry for the root disagrees with the event.</summary>
    StateMismatch,

    /// <summary>The transaction has fewer confirmations than configured.</summary>
    NotConfirmed,
}
