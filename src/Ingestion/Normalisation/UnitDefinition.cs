namespace SafetyLedger.Ingestion.Normalisation;

/// <summary>
/// A unit: its canonical symbol, its dimension and how to reach the dimension's base unit
/// (<c>base = value × Factor + Offset</c>; ppm, °C, Pa, mm/s, m/s², m³/h, m, %).
/// mg/m³ and % LEL need the gas's molar mass or explosive limit and are marked by <see cref="Scale"/>.
/// </summary>
public sealed record UnitDefinition(string Symbol, Dimension Dimension, double Factor, double Offset = 0, GasScale Scale = GasScale.Volume);
