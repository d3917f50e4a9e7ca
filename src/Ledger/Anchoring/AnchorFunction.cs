using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;

namespace SafetyLedger.Ledger.Anchoring;

/// <summary>Call data of <c>anchor(bytes32 root, uint64 treeSize)</c>.</summary>
[Function("anchor")]
internal sealed class AnchorFunction : FunctionMessage
{
    [Parameter("bytes32", "root", 1)]
    public byte[] Root { get; set; } = [];

    [Parameter("uint64", "treeSize", 2)]
    public ulong TreeSize { get; set; }
}
