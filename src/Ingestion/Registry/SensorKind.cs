namespace SafetyLedger.Ingestion.Registry;

/// <summary>What a sensor measures; serialised in snake case (<c>flammable_gas</c>, …).</summary>
public enum SensorKind
{
    Other,
    FlammableGas,
    ToxicGas,
    Oxygen,
    Vibration,
    Temperature,
    Pressure,
    Flow,
    Position,
}
