namespace SafetyLedger.Ledger.Anchoring;

/// <summary>Gives the anchorer its chain client once the contract is known (configured, remembered, or deployed now).</summary>
public interface IAnchorChainConnector
{
    /// <summary>The chain client; may deploy the contract on first use. Throws while the chain cannot be reached.</summary>
    Task<IAnchorChain> ConnectAsync(CancellationToken cancellationToken);

    /// <summary>The chain client when a contract is configured or remembered, else null (never deploys). Throws while the chain cannot be reached.</summary>
    Task<IAnchorChain?> ConnectExistingAsync(CancellationToken cancellationToken);
}
