using System.Text.Json;
using SafetyLedger.Ledger.Merkle;

namespace SafetyLedger.Ledger.Tests.Merkle;

public sealed class InclusionProofDocumentTests
{
    private static readonly TestTree Tree = TestTree.WithRandomLeaves(7, seed: 11);

    private static readonly string ValidJson = Valid().ToJson();

    [Fact]
    public void Valid_document_verifies()
    {
        var check = Valid().Verify();

        Assert.True(check.Valid, check.Reason);
    }

    [Fact]
    public void ToJson_uses_the_contract_property_names_in_order()
    {
        var tree = TestTree.FromEntries([0x00]);
        var hash = Convert.ToBase64String(tree.Leaves[0]);
        var document = new InclusionProofDocument(0, 1, hash, hash, []);

        Assert.Equal($$"""{"leafIndex":0,"treeSize":1,"leafHash":"{{hash}}","rootHash":"{{hash}}","proof":[]}""", document.ToJson());
    }

    [Fact]
    public void Parsing_the_json_of_a_document_gives_the_same_fields_back()
    {
        var original = Valid();

        Assert.True(InclusionProofDocument.TryParse(original.ToJson(), out var parsed, out var error), error);
        Assert.Equal((original.LeafIndex, original.TreeSize, original.LeafHash, original.RootHash), (parsed.LeafIndex, parsed.TreeSize, parsed.LeafHash, parsed.RootHash));
        Assert.Equal(original.Proof, parsed.Proof);
        Assert.True(parsed.Verify().Valid);
    }

    [Theory]
    [InlineData("leafIndex")]
    [InlineData("treeSize")]
    [InlineData("leafHash")]
    [InlineData("rootHash")]
    [InlineData("proof")]
    public void Parsing_rejects_a_missing_field(string field)
    {
        var json = WithoutProperty(ValidJson, field);

        Assert.False(InclusionProofDocument.TryParse(json, out var document, out var error));
        Assert.Null(document);
        Assert.Equal($"{field} is missing", error);
    }

    [Theory]
    [InlineData("""{"leafIndex":"3","treeSize":7,"leafHash":"","rootHash":"","proof":[]}""", "leafIndex must be an integer, got a string")]
    [InlineData("""{"leafIndex":3.5,"treeSize":7,"leafHash":"","rootHash":"","proof":[]}""", "leafIndex must be an integer, got the number 3.5")]
    [InlineData("""{"leafIndex":1e30,"treeSize":7,"leafHash":"","rootHash":"","proof":[]}""", "leafIndex must be an integer, got the number 1e30")]
    [InlineData("""{"leafIndex":3,"treeSize":true,"leafHash":"","rootHash":"","proof":[]}""", "treeSize must be an integer, got a boolean")]
    [InlineData("""{"leafIndex":3,"treeSize":7,"leafHash":12,"rootHash":"","proof":[]}""", "leafHash must be a base64 string, got the number 12")]
    [InlineData("""{"leafIndex":3,"treeSize":7,"leafHash":null,"rootHash":"","proof":[]}""", "leafHash must be a base64 string, got null")]
    [InlineData("""{"leafIndex":3,"treeSize":7,"leafHash":"","rootHash":{},"proof":[]}""", "rootHash must be a base64 string, got an object")]
    [InlineData("""{"leafIndex":3,"treeSize":7,"leafHash":"","rootHash":"","proof":"AAAA"}""", "proof must be an array of base64 strings, got a string")]
    [InlineData("""{"leafIndex":3,"treeSize":7,"leafHash":"","rootHash":"","proof":null}""", "proof must be an array of base64 strings, got null")]
    [InlineData("""{"leafIndex":3,"treeSize":7,"leafHash":"","rootHash":"","proof":[1]}""", "proof[0] must be a base64 string, got the number 1")]
    [InlineData("""{"leafIndex":3,"treeSize":7,"leafHash":"","rootHash":"","proof":["",null]}""", "proof[1] must be a base64 string, got null")]
    [InlineData("""{"leafIndex":3,"leafIndex":4,"treeSize":7,"leafHash":"","rootHash":"","proof":[]}""", "leafIndex appears more than once")]
    [InlineData("""{"leafIndex":3,"treeSize":7,"leafHash":"","rootHash":"","proof":[]""", "invalid JSON: ")]
    [InlineData("""{"leafIndex":3,"treeSize":7,"leafHash":"","rootHash":"","proof":[],}""", "invalid JSON: ")]
    [InlineData("", "invalid JSON: ")]
    [InlineData("[]", "invalid JSON: expected an object, got an array")]
    [InlineData("null", "invalid JSON: expected an object, got null")]
    public void Parsing_rejects_malformed_json_and_wrong_types_with_a_clear_error(string json, string expected)
    {
        Assert.False(InclusionProofDocument.TryParse(json, out var document, out var error));
        Assert.Null(document);
        Assert.StartsWith(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public void Parsing_rejects_null_text()
    {
        Assert.False(InclusionProofDocument.TryParse(null!, out _, out var error));
        Assert.Equal("JSON text is null", error);
    }

    [Fact]
    public void Malformed_base64_leaf_hash_is_reported()
    {
        Assert.Equal(new ProofCheck(false, "leafHash is not valid base64"), (Valid() with { LeafHash = "not base64!" }).Verify());
    }

    [Fact]
    public void Root_hash_of_31_bytes_is_reported()
    {
        var shortRoot = Convert.ToBase64String(Tree.RootsBySize[7].AsSpan(0, 31));

        Assert.Equal(new ProofCheck(false, "rootHash is 31 bytes, expected 32"), (Valid() with { RootHash = shortRoot }).Verify());
    }

    [Fact]
    public void Malformed_proof_element_is_reported_with_its_position()
    {
        var document = Valid();

        Assert.Equal(new ProofCheck(false, "proof[1] is not valid base64"), (document with { Proof = [document.Proof[0], "%%%", document.Proof[2]] }).Verify());
        Assert.Equal(new ProofCheck(false, "proof[2] is 0 bytes, expected 32"), (document with { Proof = [document.Proof[0], document.Proof[1], ""] }).Verify());
    }

    [Theory]
    [InlineData(7, 7, "leafIndex 7 is not below treeSize 7")]
    [InlineData(8, 7, "leafIndex 8 is not below treeSize 7")]
    [InlineData(0, 0, "leafIndex 0 is not below treeSize 0")]
    [InlineData(-1, 7, "leafIndex -1 is negative")]
    public void Leaf_index_outside_the_tree_is_reported(long index, long size, string reason)
    {
        Assert.Equal(new ProofCheck(false, reason), (Valid() with { LeafIndex = index, TreeSize = size }).Verify());
    }

    [Fact]
    public void Proof_with_the_wrong_number_of_elements_is_reported()
    {
        var document = Valid();

        Assert.Equal(new ProofCheck(false, "proof has 2 elements, expected 3"), (document with { Proof = document.Proof.Take(2).ToArray() }).Verify());
    }

    [Fact]
    public void Proof_for_another_root_is_reported_as_a_root_mismatch()
    {
        var otherRoot = Convert.ToBase64String(Tree.RootsBySize[6]);

        Assert.Equal(new ProofCheck(false, "computed root does not match rootHash"), (Valid() with { RootHash = otherRoot }).Verify());
    }

    [Fact]
    public void Proof_for_another_leaf_is_reported_as_a_root_mismatch()
    {
        var otherLeaf = Convert.ToBase64String(Tree.Leaves[2]);

        Assert.Equal(new ProofCheck(false, "computed root does not match rootHash"), (Valid() with { LeafHash = otherLeaf }).Verify());
    }

    private static InclusionProofDocument Valid() => new(
        3,
        7,
        Convert.ToBase64String(Tree.Leaves[3]),
        Convert.ToBase64String(Tree.RootsBySize[7]),
        [.. Tree.Proofs.Inclusion(3, 7).Select(Convert.ToBase64String)]);

    private static string WithoutProperty(string json, string name)
    {
        using var parsed = JsonDocument.Parse(json);
        var kept = parsed.RootElement.EnumerateObject().Where(p => p.Name != name).Select(p => $"\"{p.Name}\":{p.Value.GetRawText()}");
        return "{" + string.Join(',', kept) + "}";
    }
}
