using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;

namespace SafetyLedger.Ledger.Anchoring;

/// <summary>Return values of <c>anchoredAt</c>: (0, 0) for a root never anchored.</summary>
[FunctionOutput]
internal sealed class AnchoredAtOutput : IFunctionOutputDTO
{
    [Parameter("uint64", "treeSize", 1)]
    public ulong TreeSize { get; set; }

    [Parameter("uint256", "timestamp", 2)]
    public BigInteger Timestamp { get; set; }
}
