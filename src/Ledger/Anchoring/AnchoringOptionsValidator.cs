using Microsoft.Extensions.Options;

namespace SafetyLedger.Ledger.Anchoring;

/// <summary>Checks <see cref="AnchoringOptions"/>: positive periods and a back-off that can grow.</summary>
public sealed class AnchoringOptionsValidator : IValidateOptions<AnchoringOptions>
{
    public ValidateOptionsResult Validate(string? name, AnchoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (options.Period < TimeSpan.Zero || options.PollInterval <= TimeSpan.Zero)
        {
            failures.Add("Period must not be negative and PollInterval must be positive.");
        }

        if (options.EntryCount < 1)
        {
            failures.Add("EntryCount must be at least 1.");
        }

        if (options.RetryMinDelay <= TimeSpan.Zero || options.RetryMaxDelay < options.RetryMinDelay)
        {
            failures.Add("RetryMinDelay must be positive and at most RetryMaxDelay.");
        }

        if (options.StartCheckTimeout <= TimeSpan.Zero)
        {
            failures.Add("StartCheckTimeout must be positive.");
        }

        if (string.IsNullOrWhiteSpace(options.ContractFile) || string.IsNullOrWhiteSpace(options.Tenant))
        {
            failures.Add("ContractFile and Tenant must not be empty.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
