namespace SafetyLedger.RiskCore.Benchmarks.Nab;

/// <summary>A NAB cost profile: weights of a detected window, a false positive and a missed window.</summary>
public sealed record NabProfile(string Name, double TruePositiveWeight, double FalsePositiveWeight, double FalseNegativeWeight)
{
    public static NabProfile Standard { get; } = new("standard", 1.0, 0.11, 1.0);

    public static NabProfile RewardLowFalsePositives { get; } = new("reward_low_FP_rate", 1.0, 0.22, 1.0);

    public static NabProfile RewardLowFalseNegatives { get; } = new("reward_low_FN_rate", 1.0, 0.11, 2.0);

    public static IReadOnlyList<NabProfile> All { get; } = [Standard, RewardLowFalsePositives, RewardLowFalseNegatives];

    /// <summary>Finds a profile by its NAB name or a short alias (standard, low_fp, low_fn).</summary>
    public static NabProfile? Find(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return name.ToLowerInvariant() switch
        {
            "standard" => Standard,
            "reward_low_fp" or "reward_low_fp_rate" or "low_fp" => RewardLowFalsePositives,
            "reward_low_fn" or "reward_low_fn_rate" or "low_fn" => RewardLowFalseNegatives,
            _ => null,
        };
    }
}
