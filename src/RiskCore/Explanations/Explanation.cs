namespace SafetyLedger.RiskCore.Explanations;

/// <summary>Why an alarm was raised: a summary and the sensors that drove it, largest share first.</summary>
public sealed record Explanation(string Summary, IReadOnlyList<SensorContribution> Contributions)
{
    public static Explanation None { get; } = new("no alarm", []);
}
