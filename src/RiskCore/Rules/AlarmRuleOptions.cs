namespace SafetyLedger.RiskCore.Rules;

/// <summary>
/// Two-level gas alarms (GB/T 50493-2019) and the oxygen band, with hysteresis and debounce.
/// A rule applies only to readings in its unit (compared without spaces, case-insensitively).
/// </summary>
public sealed class AlarmRuleOptions
{
    public double FlammableLevel1 { get; set; } = 25;

    public double FlammableLevel2 { get; set; } = 50;

    public string FlammableUnit { get; set; } = "%LEL";

    public double ToxicLevel1 { get; set; } = 100;

    public double ToxicLevel2 { get; set; } = 200;

    public string ToxicUnit { get; set; } = "%OEL";

    public double OxygenLow { get; set; } = 19.5;

    public double OxygenHigh { get; set; } = 23.5;

    public string OxygenUnit { get; set; } = "%vol";

    /// <summary>A gas level clears only below (1 − this) × its threshold.</summary>
    public double GasHysteresisFraction { get; set; } = 0.1;

    /// <summary>The oxygen alarm clears only this far (in % vol) inside the band.</summary>
    public double OxygenHysteresis { get; set; } = 0.3;

    /// <summary>Samples in a row needed to raise a level.</summary>
    public int RaiseAfterSamples { get; set; } = 2;

    /// <summary>Samples in a row needed to lower a level.</summary>
    public int ClearAfterSamples { get; set; } = 3;
}
