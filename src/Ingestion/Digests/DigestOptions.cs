namespace SafetyLedger.Ingestion.Digests;

/// <summary>Batch sealing (section <c>Ingestion:Digests</c>).</summary>
public sealed class DigestOptions
{
    public const string Section = "Ingestion:Digests";

    /// <summary>A batch holds one sensor's readings whose corrected time falls in one window of this length (UTC-aligned).</summary>
    public TimeSpan BatchLength { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How long after a window ends it is sealed, so late readings still make it in.</summary>
    public TimeSpan SealDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often the sealer looks for windows to seal.</summary>
    public TimeSpan SealInterval { get; set; } = TimeSpan.FromSeconds(5);
}
