namespace SafetyLedger.Ledger.Anchoring;

/// <summary>
/// Where and how checkpoints are anchored: the RPC endpoint of an EVM chain, the AnchorRegistry
/// contract, the anchoring key and explicit gas and fee settings. Bound from the configuration
/// section <see cref="SectionName"/>; checked by <see cref="ChainOptionsValidator"/>.
/// </summary>
public sealed class ChainOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Anchoring:Chain";

    /// <summary>JSON-RPC endpoint of the chain (HTTP or HTTPS).</summary>
    public Uri? RpcUrl { get; set; }

    /// <summary>The chain id the node must report (EIP-155); transactions are signed for it.</summary>
    public long ChainId { get; set; }

    /// <summary>Address of the deployed AnchorRegistry; required for everything but deploying.</summary>
    public string? ContractAddress { get; set; }

    /// <summary>First block to search for Anchored events: the block the contract was deployed in.</summary>
    public long FromBlock { get; set; }

    /// <summary>Most blocks one <c>eth_getLogs</c> call covers when every Anchored event is listed (providers limit log ranges).</summary>
    public long LogBlockRange { get; set; } = 10_000;

    /// <summary>Hex private key of the anchoring account (the contract owner). Prefer <see cref="PrivateKeyFile"/>.</summary>
    public string? PrivateKey { get; set; }

    /// <summary>File holding the hex private key of the anchoring account; used when <see cref="PrivateKey"/> is empty.</summary>
    public string? PrivateKeyFile { get; set; }

    /// <summary>Blocks that must include or follow an anchor transaction before it counts as done (1 = mined).</summary>
    public int Confirmations { get; set; } = 1;

    /// <summary>Gas limit of one anchor transaction (an anchor uses about 47k).</summary>
    public long GasLimit { get; set; } = 80_000;

    /// <summary>Gas limit of the deployment transaction.</summary>
    public long DeployGasLimit { get; set; } = 400_000;

    /// <summary>EIP-1559 fee cap per gas in wei; set it together with <see cref="MaxPriorityFeePerGasWei"/>.</summary>
    public long? MaxFeePerGasWei { get; set; }

    /// <summary>EIP-1559 priority fee (tip) per gas in wei.</summary>
    public long? MaxPriorityFeePerGasWei { get; set; }

    /// <summary>Legacy gas price in wei, for chains without EIP-1559; used only when the 1559 fees are not set.</summary>
    public long? GasPriceWei { get; set; }

    /// <summary>How often to poll for a receipt and for confirmations.</summary>
    public TimeSpan ReceiptPollInterval { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>How long one transaction may take from sending to the last confirmation.</summary>
    public TimeSpan TxTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How many times one anchor may be (re)signed after its transaction was dropped.</summary>
    public int MaxSendAttempts { get; set; } = 3;

    /// <summary>A copy of these options bound to the contract at <paramref name="contractAddress"/>.</summary>
    public ChainOptions WithContract(string contractAddress)
    {
        var copy = (ChainOptions)MemberwiseClone();
        copy.ContractAddress = contractAddress;
        return copy;
    }
}
