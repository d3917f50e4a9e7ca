namespace SafetyLedger.RiskCore.Readings;

/// <summary>The sensor kinds of the input contract.</summary>
public static class SensorKinds
{
    public const string FlammableGas = "flammable_gas";
    public const string ToxicGas = "toxic_gas";
    public const string Oxygen = "oxygen";
    public const string Vibration = "vibration";
    public const string Temperature = "temperature";
    public const string Pressure = "pressure";
    public const string Flow = "flow";
    public const string Position = "position";
    public const string Other = "other";
}
