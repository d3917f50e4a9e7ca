using SafetyLedger.Ledger.Storage;

namespace SafetyLedger.Ingestion.Telemetry;

/// <summary>Where and how telemetry is stored (section <c>Ingestion:Storage</c>).</summary>
public sealed class TelemetryStorageOptions
{
    public const string Section = "Ingestion:Storage";

    /// <summary>Data folder; empty means the ledger's (<c>Ledger:Storage:DataDirectory</c>).</summary>
    public string? DataDirectory { get; set; }

    /// <summary>FULL (default): a write is fsynced before readings are acknowledged to their sender.</summary>
    public SynchronousMode Synchronous { get; set; } = SynchronousMode.Full;

    /// <summary>Most writes that one transaction (one fsync) groups together.</summary>
    public int MaxWritesPerCommit { get; set; } = 1024;

    /// <summary>How often the writer copies the WAL into the database (after a commit's writes are completed, not inside it).</summary>
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// A reading with the same sensor and sequence number within this time (of source time) of an earlier one is a
    /// duplicate. Short on purpose: a resend comes soon (and one with the same time and value is a duplicate at any
    /// distance), while a device that restarts its numbering re-uses every number — with a day here, a sensor rebooted
    /// within a day of its previous start would lose its new readings as "duplicates".
    /// </summary>
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromMinutes(10);

    public string DatabasePath => Path.Combine(string.IsNullOrEmpty(DataDirectory) ? "data" : DataDirectory, "telemetry.db");
}
