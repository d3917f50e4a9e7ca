using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace SafetyLedger.Ledger.Anchoring;

/// <summary>Call data of the view <c>anchoredAt(bytes32 root) returns (uint64 treeSize, uint256 timestamp)</c>.</summary>
[Function("anchoredAt", typeof(AnchoredAtOutput))]
internal sealed class AnchoredAtFunction : FunctionMessage
{
    [Parameter("bytes32", "root", 1)]
    public byte[] Root { get; set; } = [];
}
