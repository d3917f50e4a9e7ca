namespace SafetyLedger.Ledger.Anchoring;

/// <summary>
/// When and how the <see cref="Anchorer"/> anchors checkpoints (section <see cref="Section"/>); where is
/// <see cref="ChainOptions"/> (section <c>Anchoring:Chain</c>). Anchoring runs when enabled and a chain
/// RPC URL is configured.
/// </summary>
public sealed class AnchoringOptions
{
    public const string Section = "Anchoring";

    /// <summary>Anchor at all (needs <c>Anchoring:Chain:RpcUrl</c> too).</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>The latest checkpoint is anchored when the tree grew and this much time passed since the last anchor.</summary>
    public TimeSpan Period { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>... or when this many entries were appended since the last anchor, whichever comes first.</summary>
    public long EntryCount { get; set; } = 10_000;

    /// <summary>How often the anchorer looks whether an anchor is due.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>First wait after a failure (chain down, RPC error); doubled per failure up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryMinDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Longest wait between retries.</summary>
    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long start waits for the chain to check the store against every anchor on it; when the chain cannot be
    /// reached in that time the service starts and the anchorer makes the check before its first anchor.
    /// </summary>
    public TimeSpan StartCheckTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Deploy the AnchorRegistry on first start when no contract address is configured or remembered.</summary>
    public bool DeployIfMissing { get; set; } = true;

    /// <summary>Where a deployed contract's address is remembered; relative paths are under the data folder.</summary>
    public string ContractFile { get; set; } = "anchor-contract.json";

    /// <summary>Tenant written on the <c>Anchored</c> ledger entries.</summary>
    public string Tenant { get; set; } = "safety-ledger";
}
