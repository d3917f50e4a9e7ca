namespace SafetyLedger.Ingestion.Normalisation;

/// <summary>How a gas-concentration unit relates to ppm: by volume directly, by mass (molar mass), or as a fraction of the LEL.</summary>
public enum GasScale
{
    Volume,
    Mass,
    LowerExplosiveLimit,
}
