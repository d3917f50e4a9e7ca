using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;
using SafetyLedger.Ledger.Notes;

namespace SafetyLedger.Ledger.Anchoring;

/// <summary>
/// The JSON form of an <see cref="AnchorRecord"/>: the payload of an <c>Anchored</c> ledger entry and the
/// record inside an auditor bundle's anchor. The root is standard base64, like checkpoint roots.
/// </summary>
public sealed record AnchorDocument(
    [property: JsonPropertyName("chainId")] long ChainId,
    [property: JsonPropertyName("contract")] string Contract,
    [property: JsonPropertyName("txHash")] string TxHash,
    [property: JsonPropertyName("blockNumber")] long BlockNumber,
    [property: JsonPropertyName("blockHash")] string? BlockHash,
    [property: JsonPropertyName("blockTime")] DateTimeOffset BlockTime,
    [property: JsonPropertyName("root")] string Root,
    [property: JsonPropertyName("treeSize")] long TreeSize)
{
    public static AnchorDocument From(AnchorRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return new AnchorDocument(
            record.ChainId,
            record.Contract,
            record.TxHash,
            record.BlockNumber,
            record.BlockHash,
            record.BlockTime,
            Convert.ToBase64String(record.Root),
            record.TreeSize);
    }

    /// <summary>The record, or false with the reason when a field is missing or malformed.</summary>
    public bool TryToRecord([NotNullWhen(true)] out AnchorRecord? record, out string error)
    {
        record = null;
        if (string.IsNullOrEmpty(Contract) || string.IsNullOrEmpty(TxHash) || Root is null)
        {
            error = "the anchor needs contract, txHash and root";
            return false;
        }

        if (!StrictBase64.TryDecode(Root, out var root) || root.Length != Checkpoint.HashLength)
        {
            error = $"the anchor root is not canonical base64 of {Checkpoint.HashLength} bytes";
            return false;
        }

        if (TreeSize < 1 || BlockNumber < 0 || ChainId < 1)
        {
            error = "the anchor's chain id and tree size must be positive and its block number not negative";
            return false;
        }

        record = new AnchorRecord(ChainId, Contract, TxHash, BlockNumber, BlockTime, root, TreeSize) { BlockHash = BlockHash };
        error = string.Empty;
        return true;
    }
}
