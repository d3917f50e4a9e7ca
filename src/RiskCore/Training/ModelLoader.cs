using SafetyLedger.Ledger.Events;
using SafetyLedger.RiskCore.Alerts;

namespace SafetyLedger.RiskCore.Training;

/// <summary>
/// Loads a model file and checks it against the ledger: the tenant's <c>model-{tenant}</c> stream
/// must hold a <c>ModelTrained</c> with the file's version and the SHA-256 of its exact bytes.
/// </summary>
public sealed class ModelLoader(IEventStore store)
{
    private const int StreamPage = 4096;

    /// <exception cref="InvalidDataException">The file is unreadable, or not ledgered with these bytes.</exception>
    public async Task<ModelFile> LoadAsync(string path, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken);
        var model = ModelFile.FromBytes(bytes);
        var sha = ModelSha256.Of(bytes);
        var entries = await store.ReadStreamAsync(ModelTrained.StreamId(model.Tenant), 0, StreamPage, cancellationToken);
        var ledgered = entries
            .Where(e => e.EventType == ModelTrained.EventType)
            .Select(e => AlertJson.Deserialize<ModelTrained>(e.Payload))
            .Where(t => t.ModelVersion == model.ModelVersion)
            .ToArray();
        if (ledgered.Length == 0)
        {
            throw new InvalidDataException($"Model {model.ModelVersion} of tenant '{model.Tenant}' is not in the ledger.");
        }

        return ledgered.Any(t => string.Equals(t.Sha256, sha, StringComparison.Ordinal))
            ? model
            : throw new InvalidDataException($"Model file '{path}' (SHA-256 {sha}) does not match the ledgered SHA-256 of model {model.ModelVersion}.");
    }
}
