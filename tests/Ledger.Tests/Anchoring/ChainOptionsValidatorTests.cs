using SafetyLedger.Ledger.Anchoring;

namespace SafetyLedger.Ledger.Tests.Anchoring;

public sealed class ChainOptionsValidatorTests
{
    private static readonly Uri Local = new("http://127.0.0.1:8545");

    [Fact]
    public void Options_with_explicit_1559_fees_are_valid()
    {
        var result = new ChainOptionsValidator().Validate(null, TestChains.Options(Local, contract: null));
        Assert.True(result.Succeeded, result.FailureMessage);
    }

    [Fact]
    public void Legacy_gas_price_alone_is_valid()
    {
        var options = TestChains.Options(Local, contract: null);
        options.MaxFeePerGasWei = null;
        options.MaxPriorityFeePerGasWei = null;
        options.GasPriceWei = 2_000_000_000;
        Assert.True(new ChainOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void Missing_fees_endpoint_and_chain_id_are_reported()
    {
        var result = new ChainOptionsValidator().Validate(null, new ChainOptions());
        Assert.True(result.Failed);
        Assert.Contains(result.Failures!, f => f.Contains("RpcUrl", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("ChainId", StringComparison.Ordinal));
        Assert.Contains(result.Failures!, f => f.Contains("fees explicitly", StringComparison.Ordinal));
    }

    [Fact]
    public void A_priority_fee_above_the_fee_cap_is_rejected()
    {
        var options = TestChains.Options(Local, contract: null);
        options.MaxPriorityFeePerGasWei = options.MaxFeePerGasWei + 1;
        Assert.True(new ChainOptionsValidator().Validate(null, options).Failed);
    }
}
