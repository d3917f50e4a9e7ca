namespace SafetyLedger.Ingestion.Normalisation;

/// <summary>What a unit measures; only units of one dimension convert into each other.</summary>
public enum Dimension
{
    /// <summary>Gas concentration: ppm, ppb, % vol, mg/m³ (with molar mass), % LEL (with the LEL).</summary>
    GasConcentration,
    Temperature,
    Pressure,
    VibrationVelocity,
    Acceleration,
    Flow,
    Length,
    Fraction,
}
