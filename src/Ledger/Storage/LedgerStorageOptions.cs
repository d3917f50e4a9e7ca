namespace SafetyLedger.Ledger.Storage;

/// <summary>Where and how the ledger stores its entries (section <c>Ledger:Storage</c>).</summary>
public sealed class LedgerStorageOptions
{
    public const string Section = "Ledger:Storage";

    /// <summary>Folder for the database and the log's signing key.</summary>
    public string DataDirectory { get; set; } = "data";

    /// <summary>
    /// FULL (default): each commit fsyncs the write-ahead log, so an acknowledged append survives a
    /// power cut. NORMAL survives a process crash but may lose the last commits on power loss.
    /// </summary>
    public SynchronousMode Synchronous { get; set; } = SynchronousMode.Full;

    /// <summary>Most appends that one transaction (one fsync) groups together.</summary>
    public int MaxAppendsPerCommit { get; set; } = 512;

    /// <summary>Merkle nodes at this level and above are cached in memory once read (they never change).</summary>
    public int CachedNodeLevel { get; set; } = 6;

    public string DatabasePath => Path.Combine(DataDirectory, "ledger.db");
}
