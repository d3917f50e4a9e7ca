namespace SafetyLedger.RiskCore.Training;

/// <summary>A model file was written: its version, the SHA-256 (lower-case hex) of its bytes, and what it was trained on.</summary>
public sealed record ModelTrained(
    string ModelVersion,
    string Sha256,
    string FileName,
    DateTimeOffset WindowStart,
    DateTimeOffset WindowEnd,
    int ReadingsUsed,
    int ReadingsExcluded,
    IReadOnlyDictionary<string, int> LabelCounts,
    int AreasFitted)
{
    public const string EventType = "ModelTrained";

    /// <summary>The stream of a tenant's trained models.</summary>
    public static string StreamId(string tenant) => $"model-{tenant}";
}
