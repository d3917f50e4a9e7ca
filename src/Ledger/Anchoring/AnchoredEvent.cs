using System.Numerics;
using Nethereum.ABI.FunctionEncoding.Attributes;
using Nethereum.Contracts;
using Nethereum.Hex.HexConvertors.Extensions;

namespace SafetyLedger.Ledger.Anchoring;

/// <summary>The contract's <c>event Anchored(bytes32 indexed root, uint64 treeSize, uint256 timestamp)</c>.</summary>
[Event("Anchored")]
internal sealed class AnchoredEvent : IEventDTO
{
    /// <summary>The event's topic 0 (the hash of its signature), 0x-prefixed.</summary>
    public static readonly string Topic = EventExtensions.GetEventABI<AnchoredEvent>().Sha3Signature.EnsureHexPrefix();

    [Parameter("bytes32", "root", 1, true)]
    public byte[] Root { get; set; } = [];

    [Parameter("uint64", "treeSize", 2, false)]
    public ulong TreeSize { get; set; }

    [Parameter("uint256", "timestamp", 3, false)]
    public BigInteger Timestamp { get; set; }
}
