using SafetyLedger.Ledger.Merkle;

namespace SafetyLedger.Ledger.Tests.Merkle;

public sealed class ConsistencyProofDocumentTests
{
    private static readonly TestTree Tree = TestTree.WithRandomLeaves(7, seed: 13);

    [Fact]
    public void Valid_document_verifies()
    {
        var check = Valid(3, 7).Verify();

        Assert.True(check.Valid, check.Reason);
    }

    [Fact]
    public void Document_between_equal_sizes_with_an_empty_proof_verifies()
    {
        var check = Valid(5, 5).Verify();

        Assert.True(check.Valid, check.Reason);
    }

    [Fact]
    public void ToJson_uses_the_contract_property_names_in_order()
    {
        var root = Convert.ToBase64String(Tree.RootsBySize[4]);
        var document = new ConsistencyProofDocument(4, 4, root, root, []);

        Assert.Equal($$"""{"size1":4,"size2":4,"root1":"{{root}}","root2":"{{root}}","proof":[]}""", document.ToJson());
    }

    [Fact]
    public void Parsing_the_json_of_a_document_gives_the_same_fields_back()
    {
        var original = Valid(6, 7);

        Assert.True(ConsistencyProofDocument.TryParse(original.ToJson(), out var parsed, out var error), error);
        Assert.Equal((original.Size1, original.Size2, original.Root1, original.Root2), (parsed.Size1, parsed.Size2, parsed.Root1, parsed.Root2));
        Assert.Equal(original.Proof, parsed.Proof);
        Assert.True(parsed.Verify().Valid);
    }

    [Theory]
    [InlineData("""{"size2":7,"root1":"","root2":"","proof":[]}""", "size1 is missing")]
    [InlineData("""{"size1":3,"root1":"","root2":"","proof":[]}""", "size2 is missing")]
    [InlineData("""{"size1":3,"size2":7,"root2":"","proof":[]}""", "root1 is missing")]
    [InlineData("""{"size1":3,"size2":7,"root1":"","proof":[]}""", "root2 is missing")]
    [InlineData("""{"size1":3,"size2":7,"root1":"","root2":""}""", "proof is missing")]
    [InlineData("""{"size1":3,"size2":7,"root1":"","root2":"","proof":null}""", "proof must be an array of base64 strings, got null")]
    [InlineData("""{"size1":"3","size2":7,"root1":"","root2":"","proof":[]}""", "size1 must be an integer, got a string")]
    [InlineData("""{"size1":3,"size2":7,"root1":"","root2":[],"proof":[]}""", "root2 must be a base64 string, got an array")]
    [InlineData("""{"size1":3,"size2":7,"root1":"","root2":"","proof":[""]""", "invalid JSON: ")]
    public void Parsing_rejects_missing_fields_wrong_types_and_malformed_json(string json, string expected)
    {
        Assert.False(ConsistencyProofDocument.TryParse(json, out var document, out var error));
        Assert.Null(document);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Malformed_base64_root_is_reported()
    {
        Assert.Equal(new ProofCheck(false, "root1 is not valid base64"), (Valid(3, 7) with { Root1 = "abc" }).Verify());
    }

    [Fact]
    public void Root_of_33_bytes_is_reported()
    {
        var longRoot = Convert.ToBase64String([.. Tree.RootsBySize[7], 0]);

        Assert.Equal(new ProofCheck(false, "root2 is 33 bytes, expected 32"), (Valid(3, 7) with { Root2 = longRoot }).Verify());
    }

    [Theory]
    [InlineData(0, 7, "size1 0 is not positive; consistency is proved from a non-empty tree")]
    [InlineData(-2, 7, "size1 -2 is not positive; consistency is proved from a non-empty tree")]
    [InlineData(8, 7, "size1 8 is greater than size2 7")]
    public void Sizes_outside_the_policy_are_reported(long size1, long size2, string reason)
    {
        Assert.Equal(new ProofCheck(false, reason), (Valid(3, 7) with { Size1 = size1, Size2 = size2 }).Verify());
    }

    [Fact]
    public void Proof_with_the_wrong_number_of_elements_is_reported()
    {
        var document = Valid(3, 7);

        Assert.Equal(new ProofCheck(false, "proof has 3 elements, expected 4"), (document with { Proof = document.Proof.Skip(1).ToArray() }).Verify());
        Assert.Equal(new ProofCheck(false, "proof has 1 element, expected 0"), (Valid(5, 5) with { Proof = document.Proof.Take(1).ToArray() }).Verify());
    }

    [Fact]
    public void Different_roots_for_equal_sizes_are_reported()
    {
        var otherRoot = Convert.ToBase64String(Tree.RootsBySize[4]);

        Assert.Equal(new ProofCheck(false, "root1 does not match root2 although size1 equals size2"), (Valid(5, 5) with { Root2 = otherRoot }).Verify());
    }

    [Fact]
    public void Wrong_new_root_is_reported_as_a_root2_mismatch()
    {
        var otherRoot = Convert.ToBase64String(Tree.RootsBySize[6]);

        Assert.Equal(new ProofCheck(false, "computed root2 does not match root2"), (Valid(3, 7) with { Root2 = otherRoot }).Verify());
    }

    [Fact]
    public void Wrong_old_root_is_reported_as_a_root1_mismatch()
    {
        var otherRoot = Convert.ToBase64String(Tree.RootsBySize[2]);

        Assert.Equal(new ProofCheck(false, "computed root1 does not match root1"), (Valid(3, 7) with { Root1 = otherRoot }).Verify());
    }

    private static ConsistencyProofDocument Valid(int size1, int size2) => new(
        size1,
        size2,
        Convert.ToBase64String(Tree.RootsBySize[size1]),
        Convert.ToBase64String(Tree.RootsBySize[size2]),
        [.. Tree.Proofs.Consistency(size1, size2).Select(Convert.ToBase64String)]);
}
