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

    /// <summary>Most unsealed readings read at once; a pass reads page after page until every due window is sealed.</summary>
    public int MaxReadingsPerPass { get; set; } = 50_000;

    /// <summary>
    /// Most readings one sealing write assigns to batches (a single batch larger than this is written alone). Assigning
    /// rewrites each reading's row, and the ingestion writes queued behind a sealing write wait for it: small writes keep
    /// the acknowledgement latency down, while their batches' ledger entries still go in one append per write.
    /// </summary>
    public int MaxReadingsPerWrite { get; set; } = 4_096;
}
