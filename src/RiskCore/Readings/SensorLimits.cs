namespace SafetyLedger.RiskCore.Readings;

/// <summary>
/// Alarm levels registered for one sensor, in its canonical unit; they take precedence over the
/// per-kind defaults (e.g. an H₂S sensor in ppm with levels 10 and 15).
/// </summary>
public sealed record SensorLimits(double? Level1 = null, double? Level2 = null, double? Low = null, double? High = null);
