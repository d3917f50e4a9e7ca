using Microsoft.Extensions.Options;

namespace SafetyLedger.Ledger.Anchoring;

/// <summary>Checks <see cref="ChainOptions"/>: an endpoint, a chain id, explicit fees and sane limits.</summary>
public sealed class ChainOptionsValidator : IValidateOptions<ChainOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, ChainOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.RpcUrl is null || !options.RpcUrl.IsAbsoluteUri || (options.RpcUrl.Scheme != Uri.UriSchemeHttp && options.RpcUrl.Scheme != Uri.UriSchemeHttps))
        {
            failures.Add("RpcUrl must be an absolute http(s) URL.");
        }

        if (options.ChainId <= 0)
        {
            failures.Add("ChainId must be positive.");
        }

        if (options.Confirmations < 1)
        {
            failures.Add("Confirmations must be at least 1.");
        }

        if (options.GasLimit <= 0 || options.DeployGasLimit <= 0)
        {
            failures.Add("GasLimit and DeployGasLimit must be positive.");
        }

        var has1559 = options.MaxFeePerGasWei is not null || options.MaxPriorityFeePerGasWei is not null;
        if (has1559 && (options.MaxFeePerGasWei is not > 0 || options.MaxPriorityFeePerGasWei is not >= 0 || options.MaxPriorityFeePerGasWei > options.MaxFeePerGasWei))
        {
            failures.Add("MaxFeePerGasWei and MaxPriorityFeePerGasWei must both be set, with 0 <= priority <= max fee and max fee > 0.");
        }

        if (!has1559 && options.GasPriceWei is not > 0)
        {
            failures.Add("Set the fees explicitly: MaxFeePerGasWei and MaxPriorityFeePerGasWei (EIP-1559) or GasPriceWei (legacy).");
        }

        if (options.ReceiptPollInterval <= TimeSpan.Zero || options.TxTimeout <= options.ReceiptPollInterval)
        {
            failures.Add("ReceiptPollInterval must be positive and shorter than TxTimeout.");
        }

        if (options.MaxSendAttempts < 1)
        {
            failures.Add("MaxSendAttempts must be at least 1.");
        }

        if (options.FromBlock < 0)
        {
            failures.Add("FromBlock must not be negative.");
        }

        if (options.LogBlockRange < 1)
        {
            failures.Add("LogBlockRange must be at least 1.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
