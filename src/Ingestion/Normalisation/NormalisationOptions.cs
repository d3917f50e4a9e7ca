namespace SafetyLedger.Ingestion.Normalisation;

/// <summary>Unit conversion constants (section <c>Ingestion:Normalisation</c>).</summary>
public sealed class NormalisationOptions
{
    public const string Section = "Ingestion:Normalisation";

    /// <summary>Molar volume of an ideal gas in L/mol: 24.45 at 25 °C and 1 atm (mg/m³ = ppm × M / 24.45).</summary>
    public double MolarVolume { get; set; } = 24.45;
}
