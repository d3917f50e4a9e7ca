using SafetyLedger.Ledger.Merkle;

namespace SafetyLedger.Ledger.Tests.Merkle;

/// <summary>Answers every node request with the same bytes; for exercising bad node sources.</summary>
internal sealed class ConstantNodeSource(byte[] hash) : IMerkleNodeSource
{
    public byte[] GetNode(int level, long index) => hash;
}
