using Microsoft.Extensions.Logging;

namespace SafetyLedger.Ledger.Anchoring;

/// <summary>Source-generated log messages of anchoring (typed, no boxing).</summary>
internal static partial class AnchoringLog
{
    [LoggerMessage(EventId = 4100, Level = LogLevel.Information, Message = "Sent transaction {TxHash} from {Account} with nonce {Nonce} and gas limit {GasLimit}")]
    public static partial void TransactionSent(this ILogger logger, string txHash, string account, long nonce, long gasLimit);

    [LoggerMessage(EventId = 4101, Level = LogLevel.Debug, Message = "Node already knows transaction {TxHash}")]
    public static partial void TransactionAlreadyKnown(this ILogger logger, string txHash);

    [LoggerMessage(EventId = 4102, Level = LogLevel.Warning, Message = "Account {Account} has {Count} pending transactions from nonce {Nonce}; waiting for them before sending")]
    public static partial void WaitingForInFlight(this ILogger logger, string account, long count, long nonce);

    [LoggerMessage(EventId = 4103, Level = LogLevel.Warning, Message = "Node unreachable while waiting for transaction {TxHash}; polling on")]
    public static partial void NodeUnreachable(this ILogger logger, Exception exception, string txHash);

    [LoggerMessage(EventId = 4104, Level = LogLevel.Warning, Message = "Transaction {TxHash} was mined in block {BlockNumber} {BlockHash}, which is no longer canonical; waiting")]
    public static partial void ReceiptNotCanonical(this ILogger logger, string txHash, long blockNumber, string blockHash);

    [LoggerMessage(EventId = 4105, Level = LogLevel.Warning, Message = "Node lost transaction {TxHash} (nonce {Nonce} still free); rebroadcasting it")]
    public static partial void Rebroadcasting(this ILogger logger, string txHash, long nonce);

    [LoggerMessage(EventId = 4110, Level = LogLevel.Information, Message = "Deployed AnchorRegistry at {Contract} in block {BlockNumber} (tx {TxHash}, owner {Owner})")]
    public static partial void Deployed(this ILogger logger, string contract, long blockNumber, string txHash, string owner);

    [LoggerMessage(EventId = 4111, Level = LogLevel.Information, Message = "Root {Root} is already anchored in tx {TxHash}; not sending")]
    public static partial void AlreadyAnchored(this ILogger logger, string root, string txHash);

    [LoggerMessage(EventId = 4112, Level = LogLevel.Warning, Message = "Anchor transaction {TxHash} for root {Root} was dropped (attempt {Attempt}); sending again")]
    public static partial void AnchorDropped(this ILogger logger, Exception exception, string txHash, string root, int attempt);

    [LoggerMessage(EventId = 4113, Level = LogLevel.Information, Message = "Anchored root {Root} (tree size {TreeSize}) in tx {TxHash}, block {BlockNumber}, gas used {GasUsed}")]
    public static partial void Anchored(this ILogger logger, string root, long treeSize, string txHash, long blockNumber, long gasUsed);

    [LoggerMessage(EventId = 4114, Level = LogLevel.Warning, Message = "The node cannot tell when {Contract} was deployed; listing its Anchored events from block {FromBlock}")]
    public static partial void DeploymentBlockUnknown(this ILogger logger, Exception exception, string contract, long fromBlock);
}
