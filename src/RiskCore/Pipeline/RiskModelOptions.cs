namespace SafetyLedger.RiskCore.Pipeline;

/// <summary>The model in force (section <c>RiskCore:Model</c>).</summary>
public sealed class RiskModelOptions
{
    public const string Section = "RiskCore:Model";

    /// <summary>A trained model file, checked against its ledgered SHA-256; null starts untrained (models learn online).</summary>
    public string? File { get; set; }
}
