namespace SafetyLedger.Ingestion.Simulation;

/// <summary>What the simulated plant does.</summary>
public enum Scenario
{
    Normal,
    GasLeak,
    BearingWear,
    StuckSensor,
    ClockSkew,
    Dropout,
}
