namespace SafetyLedger.Ingestion.Pipeline;

/// <summary>Input limits and plausibility (section <c>Ingestion:Validation</c>).</summary>
public sealed class ValidationOptions
{
    public const string Section = "Ingestion:Validation";

    /// <summary>Largest payload accepted, in bytes (MQTT message or HTTP body): 64 KiB.</summary>
    public int MaxPayloadBytes { get; set; } = 64 * 1024;

    /// <summary>Most readings in one payload.</summary>
    public int MaxReadingsPerPayload { get; set; } = 5_000;

    /// <summary>
    /// How far below zero a concentration, oxygen or vibration reading may read (zero drift) before it is
    /// implausible, in the canonical unit.
    /// </summary>
    public double ZeroDriftTolerance { get; set; }

    /// <summary>
    /// Largest magnitude any reading may have in its sensor's registered unit. Finite but absurd values (1e308) would
    /// otherwise reach the models; no supported unit of any industrial sensor comes near 10⁹.
    /// </summary>
    public double MaxAbsoluteValue { get; set; } = 1e9;

    /// <summary>Highest plausible temperature in °C.</summary>
    public double MaxTemperatureCelsius { get; set; } = 5000;

    /// <summary>Lowest plausible temperature in °C (absolute zero).</summary>
    public double MinTemperatureCelsius { get; set; } = -273.15;
}
