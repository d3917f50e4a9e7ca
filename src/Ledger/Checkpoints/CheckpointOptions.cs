namespace SafetyLedger.Ledger.Checkpoints;

/// <summary>How checkpoints are issued and signed (section <c>Ledger:Checkpoints</c>).</summary>
public sealed class CheckpointOptions
{
    public const string Section = "Ledger:Checkpoints";

    /// <summary>The log's origin line: a unique, schema-less name for this log.</summary>
    public string Origin { get; set; } = "safety-ledger.local/log";

    /// <summary>A checkpoint is issued when the tree has grown and this much time has passed since the last one.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Signer key file; created with mode 0600 on first start when missing. Relative paths are under the data folder.</summary>
    public string KeyFile { get; set; } = "log.key";

    /// <summary>Key name used when the key is created.</summary>
    public string KeyName { get; set; } = "safety-ledger.local";

    /// <summary>More signer key files that co-sign every checkpoint (key rotation).</summary>
    public IList<string> AdditionalKeyFiles { get; } = [];
}
