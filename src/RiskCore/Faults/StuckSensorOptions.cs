namespace SafetyLedger.RiskCore.Faults;

/// <summary>When a sensor counts as stuck: a signal that normally changes repeats one value for many readings in a row.</summary>
public sealed class StuckSensorOptions
{
    /// <summary>Readings in a row with the same value before the sensor is flagged.</summary>
    public int RepeatsToFlag { get; set; } = 30;

    /// <summary>Readings the sensor must have sent before it can be flagged (so its usual behaviour is known).</summary>
    public int MinimumHistory { get; set; } = 60;

    /// <summary>
    /// Share of its earlier readings that differed from the one before. A noisy analog signal changes on nearly
    /// every reading; a gas sensor resting at 0 in clean air rarely does and is never flagged.
    /// </summary>
    public double MinimumChangeRate { get; set; } = 0.5;

    /// <summary>Confidence of the finding (a data-quality finding, Yellow: it does not command interventions).</summary>
    public double Confidence { get; set; } = 0.8;
}
