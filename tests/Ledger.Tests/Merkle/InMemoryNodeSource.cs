using SafetyLedger.Ledger.Merkle;

namespace SafetyLedger.Ledger.Tests.Merkle;

/// <summary>
/// Stores every completed node reported by <see cref="MerkleFrontier.Append"/>, level by level in contiguous
/// buffers (so a million leaves stay cheap), and counts <see cref="GetNode"/> calls.
/// </summary>
internal sealed class InMemoryNodeSource : IMerkleNodeSource
{
    private readonly List<byte[]> _levels = [];
    private readonly List<long> _counts = [];

    public int Calls { get; private set; }

    public void Add(MerkleNode node)
    {
        while (_levels.Count <= node.Level)
        {
            _levels.Add(new byte[MerkleHash.Size * 1024]);
            _counts.Add(0);
        }

        Assert.Equal(_counts[node.Level], node.Index);
        Assert.Equal(MerkleHash.Size, node.Hash.Length);
        var buffer = _levels[node.Level];
        var offset = checked((int)(node.Index * MerkleHash.Size));
        if (offset + MerkleHash.Size > buffer.Length)
        {
            Array.Resize(ref buffer, buffer.Length * 2);
            _levels[node.Level] = buffer;
        }

        node.Hash.CopyTo(buffer, offset);
        _counts[node.Level]++;
    }

    public void ResetCalls() => Calls = 0;

    public byte[] GetNode(int level, long index)
    {
        Calls++;
        if (level < 0 || level >= _levels.Count || index < 0 || index >= _counts[level])
        {
            throw new InvalidOperationException($"Node (level {level}, index {index}) was never stored.");
        }

        return _levels[level].AsSpan(checked((int)(index * MerkleHash.Size)), MerkleHash.Size).ToArray();
    }
}
