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
    /// A reading with the same sensor and sequence number within this time (of corrected time) of an earlier one is a
    /// duplicate. Short on purpose: a resend with a new time stamp comes within a gateway's retry interval (and one with
    /// the same time and value is a duplicate at any distance), while a device that restarts its numbering re-uses every
    /// number — with a day here, a sensor rebooted within a day of its previous start would lose its new readings as
    /// "duplicates". A reading whose number is not above the sensor's recent ones is looked up among the sensor's
    /// readings in this window, so the window also bounds that look-up.
    /// </summary>
    public TimeSpan DuplicateWindow { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// SQLite page size of a new <c>telemetry.db</c> (an existing file keeps its own). Small pages on purpose: each
    /// reading adds to indexes keyed by sensor, so a commit touches about one leaf page per index per reporting
    /// sensor, and every touched page is written whole into the WAL; 1 KiB pages write a quarter of the bytes of
    /// 4 KiB ones (measured: ~50 % more readings per second; see docs/benchmarks.md).
    /// </summary>
    public int PageSize { get; set; } = 1024;

    public string DatabasePath => Path.Combine(string.IsNullOrEmpty(DataDirectory) ? "data" : DataDirectory, "telemetry.db");
}
