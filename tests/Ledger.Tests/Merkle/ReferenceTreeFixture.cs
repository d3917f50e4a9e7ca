namespace SafetyLedger.Ledger.Tests.Merkle;

/// <summary>One randomised 1,100-leaf tree (fixed seed), shared by the tests that compare against <see cref="ReferenceMerkle"/>.</summary>
public sealed class ReferenceTreeFixture
{
    public const int MaxSize = 1100;

    internal TestTree Tree { get; } = TestTree.WithRandomLeaves(MaxSize, seed: 9162);
}
