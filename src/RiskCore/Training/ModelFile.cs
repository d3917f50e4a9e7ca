using System.Text.Json;
using SafetyLedger.RiskCore.Streaming;

namespace SafetyLedger.RiskCore.Training;

/// <summary>
/// A versioned model file: the fitted engine state (per-area joint models, per-sensor baselines)
/// and how it was trained. Its SHA-256 over the exact file bytes is ledgered as <c>ModelTrained</c>.
/// </summary>
public sealed record ModelFile(
    string Format,
    string ModelVersion,
    string Tenant,
    DateTimeOffset TrainedAt,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    int ReadingsUsed,
    int ReadingsExcluded,
    IReadOnlyDictionary<string, int> LabelCounts,
    int AreasFitted,
    RiskEngineSnapshot Snapshot)
{
    public const string CurrentFormat = "safety-ledger/riskcore-model@1";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
        WriteIndented = true,
    };

    public byte[] ToBytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static ModelFile FromBytes(ReadOnlySpan<byte> bytes)
    {
        var file = JsonSerializer.Deserialize<ModelFile>(bytes, Json) ?? throw new InvalidDataException("The model file is empty.");
        return file.Format == CurrentFormat ? file : throw new InvalidDataException($"Model file format '{file.Format}' is not '{CurrentFormat}'.");
    }
}
