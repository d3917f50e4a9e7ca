using System.Text.Json;
using System.Text.Json.Serialization;

namespace SafetyLedger.Ledger.Anchoring;

/// <summary>
/// The AnchorRegistry this ledger deployed itself (no address configured), remembered in the data folder
/// so that restarts reuse it: <c>{"chainId":31337,"contract":"0x…","deploymentBlock":1}</c>. The deployment block
/// (absent in files written before it was recorded) is where the contract's <c>Anchored</c> events start; readers
/// check it on the chain before relying on it.
/// </summary>
public sealed record AnchorContractFile(
    [property: JsonPropertyName("chainId")] long ChainId,
    [property: JsonPropertyName("contract")] string Contract,
    [property: JsonPropertyName("deploymentBlock"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] long? DeploymentBlock = null)
{
    /// <summary>The remembered contract, or null when the file does not exist.</summary>
    public static async Task<AnchorContractFile?> ReadAsync(string path, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var stream = File.OpenRead(path);
        await using (stream)
        {
            return await JsonSerializer.DeserializeAsync(stream, AnchoringJsonContext.Default.AnchorContractFile, cancellationToken)
                ?? throw new AnchorException($"The contract file '{path}' is empty.");
        }
    }

    /// <summary>Writes the file atomically (temporary file, then a move).</summary>
    public async Task WriteAsync(string path, CancellationToken cancellationToken)
    {
        var temporary = path + ".tmp";
        await File.WriteAllTextAsync(temporary, JsonSerializer.Serialize(this, AnchoringJsonContext.Default.AnchorContractFile), cancellationToken);
        File.Move(temporary, path, overwrite: true);
    }
}
